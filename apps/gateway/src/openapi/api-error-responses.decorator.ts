import { applyDecorators, type Type } from '@nestjs/common';
import { ApiResponse, type ReferenceObject } from '@nestjs/swagger';
import { ValidationCode } from '@app/contracts';
import { DependencyErrorSchema, ErrorSchema, ValidationErrorSchema } from './error.schemas';
import { RATE_LIMIT_HEADERS, refsTo } from './openapi.headers';

/** The error answers of the gateway's operations (README, "Errors"). */
export type ErrorStatus = 400 | 404 | 413 | 415 | 422 | 429 | 500 | 502 | 503 | 504;

interface ErrorAnswer {
  description: string;
  type: Type<ErrorSchema | ValidationErrorSchema | DependencyErrorSchema>;
  example: ErrorSchema | ValidationErrorSchema | DependencyErrorSchema;
  headers?: Record<string, ReferenceObject>;
}

const error = (statusCode: number, phrase: string, message: string) => ({ statusCode, error: phrase, message });

/** What each status means, whatever the operation; an operation may say more (ApiErrorResponses). */
const ERROR_ANSWERS: Record<ErrorStatus, ErrorAnswer> = {
  400: {
    description: 'The body is not valid JSON, nests deeper than 64 levels, or is not valid UTF-8.',
    type: ErrorSchema,
    example: error(
      400,
      'Bad Request',
      'Request body is not valid JSON: JSON nests deeper than 64 levels (at position 64)',
    ),
  },
  404: {
    description: 'Not found.',
    type: ErrorSchema,
    example: error(404, 'Not Found', 'No activity 0b7f3c1e-5d2a-4c8e-9f00-123456789abc'),
  },
  413: {
    description: 'The body is larger than the limit (`GATEWAY_BODY_LIMIT_BYTES`, 100 KiB by default).',
    type: ErrorSchema,
    example: error(413, 'Payload Too Large', 'Request body is larger than the limit of 102400 bytes'),
  },
  415: {
    description: 'The body is not declared as JSON (`Content-Type: application/json`).',
    type: ErrorSchema,
    example: error(
      415,
      'Unsupported Media Type',
      'Request body must be JSON (Content-Type: application/json), got text/plain',
    ),
  },
  422: {
    description: 'Validation failed: `errors` has one code per invalid field, in field order.',
    type: ValidationErrorSchema,
    example: {
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'Validation failed: ttl_invalid',
      errors: [ValidationCode.TtlInvalid],
    },
  },
  429: {
    description: 'Too many requests from this client: wait `Retry-After` seconds.',
    type: ErrorSchema,
    example: error(
      429,
      'Too Many Requests',
      'Rate limit exceeded: 6000 requests per minute per client; retry after 42 s',
    ),
    headers: refsTo('headers', Object.keys(RATE_LIMIT_HEADERS)),
  },
  500: {
    description:
      'Something unexpected (its details go to the log, the trace and the error report), or an injected fault.',
    type: ErrorSchema,
    example: error(500, 'Internal Server Error', 'Internal server error'),
  },
  502: {
    description: 'A dependency failed (5xx) or answered something unreadable; `dependency` names it.',
    type: DependencyErrorSchema,
    example: { ...error(502, 'Bad Gateway', 'activities failed: Internal server error'), dependency: 'activities' },
  },
  503: {
    description: 'A dependency refused or dropped the connection; `dependency` names the one at the end of the chain.',
    type: DependencyErrorSchema,
    example: {
      ...error(503, 'Service Unavailable', 'activities is unavailable (ECONNREFUSED)'),
      dependency: 'activities',
    },
  },
  504: {
    description: 'A dependency did not answer within `DEPENDENCY_TIMEOUT_MS` (2 s by default); `dependency` names it.',
    type: DependencyErrorSchema,
    example: {
      ...error(504, 'Gateway Timeout', 'activities did not answer within 2000 ms'),
      dependency: 'activities',
    },
  },
};

/** A status, or a status with what it means for this operation in particular. */
export type ErrorResponse = ErrorStatus | { status: ErrorStatus; description: string };

/**
 * The error answers an operation can give, each with its JSON error schema,
 * an example, and for 429 the rate-limit headers; the trace headers of every
 * response are added to the document as a whole (addTraceHeaders).
 */
export function ApiErrorResponses(...responses: ErrorResponse[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...responses.map((response) => {
      const status = typeof response === 'number' ? response : response.status;
      const { description, type, example, headers } = ERROR_ANSWERS[status];
      return ApiResponse({
        status,
        description: typeof response === 'number' ? description : response.description,
        type,
        example,
        ...(headers ? { headers } : {}),
      });
    }),
  );
}
