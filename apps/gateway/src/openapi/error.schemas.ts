import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ValidationCode } from '@app/contracts';
import type { DependencyErrorBody, ValidationErrorBody } from '@app/platform';

/*
 * The JSON error answers of @app/platform's filters, pipe and dependency
 * clients, as OpenAPI schemas, implementing platform's types where it has
 * them. Each is flat, without inheritance or allOf: the document closes them
 * (additionalProperties: false), and a closed base would refuse the fields a
 * variant adds.
 */

const MESSAGE = 'What went wrong, for a person; never a stack trace, a file path or an address inside the deployment.';

/** `{statusCode, error, message}`: the answer of every error but those below. */
@ApiSchema({ name: 'Error', description: 'An error answer.' })
export class ErrorSchema {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, description: 'The HTTP status.', example: 404 })
  statusCode!: number;

  @ApiProperty({ description: 'Its reason phrase.', example: 'Not Found' })
  error!: string;

  @ApiProperty({ description: MESSAGE, example: 'No activity 0b7f3c1e-5d2a-4c8e-9f00-123456789abc' })
  message!: string;
}

/** 422: the DTOs' codes, or activities' `handle_unknown`. */
@ApiSchema({ name: 'ValidationError', description: 'A validation failure: one code per invalid field.' })
export class ValidationErrorSchema implements ValidationErrorBody {
  @ApiProperty({ type: 'integer', enum: [422] })
  statusCode!: 422;

  @ApiProperty({ enum: ['Unprocessable Entity'] })
  error!: 'Unprocessable Entity';

  @ApiProperty({ description: MESSAGE, example: 'Validation failed: handle_blank, ttl_invalid' })
  message!: string;

  @ApiProperty({
    enum: Object.values(ValidationCode),
    enumName: 'ValidationCode',
    isArray: true,
    minItems: 1,
    description: 'One code per invalid field, in field order.',
    example: [ValidationCode.HandleBlank, ValidationCode.TtlInvalid],
  })
  errors!: ValidationCode[];
}

/** 502, 503, 504: a dependency could not be used. */
@ApiSchema({ name: 'DependencyError', description: 'A dependency could not be reached, did not answer, or failed.' })
export class DependencyErrorSchema implements DependencyErrorBody {
  @ApiProperty({ type: 'integer', enum: [502, 503, 504], example: 503 })
  statusCode!: number;

  @ApiProperty({ enum: ['Bad Gateway', 'Service Unavailable', 'Gateway Timeout'], example: 'Service Unavailable' })
  error!: string;

  @ApiProperty({ description: MESSAGE, example: 'activities is unavailable (ECONNREFUSED)' })
  message!: string;

  @ApiProperty({
    enum: ['activities', 'notifications'],
    description:
      'The service that could not be used, at the end of the chain: `activities` even when the gateway reached it through notifications.',
    example: 'activities',
  })
  dependency!: string;
}
