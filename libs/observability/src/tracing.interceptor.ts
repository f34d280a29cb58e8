import { type CallHandler, type ExecutionContext, HttpException, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { isRelayedError } from '@app/platform';
import { type Span, SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { Observable } from 'rxjs';
import { ObservabilityAttributes } from './attributes';
import type { ErrorReporter, HandlerErrorContext } from './errors/error-reporter';
import { ERROR_REPORTER } from './observability.constants';
import { recordRpcStatus } from './tcp/rpc-status';
import { tracer } from './tracer';

interface HttpRequestLike {
  method?: string;
  route?: { path?: string };
  originalUrl?: string;
  url?: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: unknown;
  ip?: string;
}

function statusOf(error: unknown): number {
  return error instanceof HttpException ? error.getStatus() : 500;
}

/**
 * A span around every handler, HTTP and RPC, named `Controller.method`, made
 * current while the handler runs (subscription included: Nest calls the
 * handler when the stream is subscribed). An error is recorded on it and on
 * the request's span (so X-Ray's segment gets its `cause`), then rethrown unchanged.
 */
@Injectable()
export class TracingInterceptor implements NestInterceptor {
  constructor(@Inject(ERROR_REPORTER) private readonly errors: ErrorReporter) {}

  intercept(executionContext: ExecutionContext, next: CallHandler<unknown>): Observable<unknown> {
    const handler = `${executionContext.getClass().name}.${executionContext.getHandler().name}`;
    const requestSpan = trace.getActiveSpan();
    const type = executionContext.getType();
    if (type === 'http') this.nameRoute(requestSpan, executionContext.switchToHttp().getRequest<HttpRequestLike>());
    const span = tracer.startSpan(handler, { kind: SpanKind.INTERNAL, attributes: { [ObservabilityAttributes.Handler]: handler } });
    const active = trace.setSpan(context.active(), span);
    return new Observable((subscriber) =>
      context.with(active, () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            this.recordError(span, requestSpan, error, type === 'rpc');
            if (type === 'rpc') recordRpcStatus(executionContext.switchToRpc().getContext<object>(), statusOf(error));
            this.report(error, executionContext);
            span.end();
            subscriber.error(error);
          },
          complete: () => {
            if (type === 'rpc') {
              requestSpan?.setAttribute(ObservabilityAttributes.RpcStatusCode, 200);
              recordRpcStatus(executionContext.switchToRpc().getContext<object>(), 200);
            }
            span.end();
            subscriber.complete();
          },
        }),
      ),
    );
  }

  /**
   * Reports the error once, where it happened: an error a dependency answered
   * with and this service passes on was reported by that dependency.
   */
  private report(error: unknown, executionContext: ExecutionContext): void {
    if (!this.errors.enabled || isRelayedError(error)) return;
    const status = statusOf(error);
    let details: HandlerErrorContext;
    if (executionContext.getType() === 'rpc') {
      const rpc = executionContext.switchToRpc();
      const pattern = rpc.getContext<{ getPattern?: () => string }>().getPattern?.() ?? 'unknown';
      details = { status, rpc: { pattern, payload: rpc.getData<unknown>() } };
    } else {
      const request = executionContext.switchToHttp().getRequest<HttpRequestLike>();
      details = {
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
    this.errors.reportHandlerError(error, details);
  }

  /** The HTTP span gets the route template, as the HTTP instrumentation cannot know it. */
  private nameRoute(span: Span | undefined, request: HttpRequestLike): void {
    const route = request.route?.path;
    if (!span || !route) return;
    span.setAttribute('http.route', route);
    span.updateName(`${request.method ?? 'HTTP'} ${route}`);
  }

  private recordError(span: Span, requestSpan: Span | undefined, error: unknown, rpc: boolean): void {
    const exception = error instanceof Error ? error : String(error);
    const message = error instanceof Error ? error.message : String(error);
    const status = statusOf(error);
    span.recordException(exception);
    span.setStatus({ code: SpanStatusCode.ERROR, message });
    span.setAttribute(rpc ? ObservabilityAttributes.RpcStatusCode : 'http.response.status_code', status);
    if (!requestSpan) return;
    requestSpan.recordException(exception);
    if (rpc) {
      requestSpan.setAttribute(ObservabilityAttributes.RpcStatusCode, status);
      if (status >= 500) requestSpan.setStatus({ code: SpanStatusCode.ERROR, message });
    }
  }
}
