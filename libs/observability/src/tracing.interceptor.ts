import { type CallHandler, type ExecutionContext, HttpException, Injectable, type NestInterceptor } from '@nestjs/common';
import { type Span, SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { Observable } from 'rxjs';
import { ObservabilityAttributes } from './attributes';
import { recordRpcStatus } from './tcp/rpc-status';
import { tracer } from './tracer';

interface HttpRequestLike {
  method?: string;
  route?: { path?: string };
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
