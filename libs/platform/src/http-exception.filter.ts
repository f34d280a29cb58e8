import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';

/**
 * Shape of the errors Express's body parser raises (from the http-errors package). `type` is
 * missing when decompressing failed: the zlib error itself, given a 400.
 */
interface BodyParserError extends Error {
  status: number;
  type?: string;
  code?: string;
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  if (!(error instanceof Error) || typeof (error as Partial<BodyParserError>).status !== 'number') return false;
  const { type, code } = error as Partial<BodyParserError>;
  return typeof type === 'string' || (typeof code === 'string' && /^(Z|ERR)_/.test(code));
}

function bodyParserMessage(error: BodyParserError, request: Request): string {
  if (error.type === undefined) {
    return `Request body is not valid ${request.headers['content-encoding'] ?? 'compressed'} data: ${error.message}`;
  }
  switch (error.type) {
    case 'entity.parse.failed':
      return `Request body is not valid JSON: ${error.message}`;
    case 'entity.too.large':
      return `Request body is larger than the limit of ${error.limit ?? 'the'} bytes`;
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return `Request body encoding is not supported: ${error.message}`;
    default:
      return error.message;
  }
}

/**
 * Every HTTP error answer is JSON: `{statusCode, error, message, ...}`.
 * Body-parser failures (not JSON, too large) keep their 4xx status with a
 * message that says what is wrong; anything unexpected is a 500 that is logged
 * with its stack but not shown to the client.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request>();
    const { status, body } = this.describe(exception, request);
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(status).json(body);
  }

  private describe(exception: unknown, request: Request): { status: number; body: object } {
    // Nest's Express adapter wraps body-parser errors in an HttpException with the original as cause.
    const parserError = isBodyParserError(exception)
      ? exception
      : exception instanceof HttpException && isBodyParserError(exception.cause)
        ? exception.cause
        : undefined;
    if (parserError && parserError.status >= 400 && parserError.status < 500) {
      return {
        status: parserError.status,
        body: {
          statusCode: parserError.status,
          error: STATUS_CODES[parserError.status] ?? 'Bad Request',
          message: bodyParserMessage(parserError, request),
        },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      // 5xx that are HttpExceptions are expected failures (a dependency down or slow): one line, no stack.
      if (status >= 500)
        this.logger.warn(`${request.method} ${request.originalUrl} answered ${status}: ${exception.message}`);
      const body =
        typeof payload === 'string' ? { statusCode: status, error: exception.name, message: payload } : payload;
      return { status, body };
    }
    this.logger.error(
      `${request.method} ${request.originalUrl} failed: ${exception instanceof Error ? exception.stack : String(exception)}`,
    );
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: {
        statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
        error: 'Internal Server Error',
        message: 'Internal server error',
      },
    };
  }
}
