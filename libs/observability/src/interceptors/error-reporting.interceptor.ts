import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { type Observable, catchError, throwError } from 'rxjs';
import type { ErrorReporter, HandlerErrorContext } from '../errors/error-reporter';
import { handlerStatusOf } from '../errors/error-status';
import { isRelayedError } from '../errors/relayed-error';
import { ERROR_REPORTER } from '../observability.constants';
import type { HttpRequestLike } from './http-request.like';

/**
 * Reports each handler error to the error reporter (Rollbar) once, where it
 * happened, with the request or message it failed on; an error that a
 * dependency answered with and this service passes on was reported by that
 * dependency. The error continues unchanged to the exception filters.
 */
@Injectable()
export class ErrorReportingInterceptor implements NestInterceptor {
  constructor(@Inject(ERROR_REPORTER) private readonly errors: ErrorReporter) {}

  intercept(executionContext: ExecutionContext, next: CallHandler<unknown>): Observable<unknown> {
    if (!this.errors.enabled) return next.handle();
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!isRelayedError(error)) this.errors.reportHandlerError(error, this.detailsOf(error, executionContext));
        return throwError(() => error);
      }),
    );
  }

  private detailsOf(error: unknown, executionContext: ExecutionContext): HandlerErrorContext {
    const status = handlerStatusOf(error);
    if (executionContext.getType() === 'rpc') {
      const rpc = executionContext.switchToRpc();
      const pattern = rpc.getContext<{ getPattern?: () => string }>().getPattern?.() ?? 'unknown';
      return { status, rpc: { pattern, payload: rpc.getData<unknown>() } };
    }
    const request = executionContext.switchToHttp().getRequest<HttpRequestLike>();
    return {
      status,
      http: {
        method: request.method ?? 'GET',
        url: request.originalUrl ?? request.url ?? '',
        headers: request.headers ?? {},
        body: request.body,
        remoteAddress: request.ip,
      },
    };
  }
}
