import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { type Observable, throwError } from 'rxjs';
import { publicMessageOf } from './dependency.exceptions';

/** What a TCP client receives as `err` when a handler fails. */
export interface RpcErrorBody {
  statusCode: number;
  message: string;
  [key: string]: unknown;
}

/**
 * Errors of TCP handlers travel to the caller as `{statusCode, message, ...}`,
 * the same shape as an HTTP error answer, so the caller can relay a 404 or a
 * 422 as it is (see TcpDependencyClient). Unexpected errors are logged here
 * and reach the caller as a bare 500.
 */
@Catch()
export class RpcExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('RpcExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    return throwError(() => this.describe(exception, host));
  }

  private describe(exception: unknown, host: ArgumentsHost): RpcErrorBody {
    if (exception instanceof HttpException) {
      const payload = exception.getResponse();
      const body = typeof payload === 'string' ? { message: payload } : payload;
      // The answer's own message, not the error's: that one may carry details meant for logs and traces only.
      return { statusCode: exception.getStatus(), message: publicMessageOf(exception), ...body };
    }
    if (exception instanceof RpcException) {
      const error = exception.getError();
      return typeof error === 'object' && error !== null && 'statusCode' in error
        ? (error as RpcErrorBody)
        : { statusCode: 500, message: typeof error === 'string' ? error : 'RPC error' };
    }
    const pattern = host.switchToRpc().getContext<{ getPattern?: () => string }>().getPattern?.();
    this.logger.error(
      `${pattern ?? 'message'} failed: ${exception instanceof Error ? exception.stack : String(exception)}`,
    );
    return { statusCode: 500, message: 'Internal server error' };
  }
}
