import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { type Span, SpanKind, context, trace } from '@opentelemetry/api';
import { Observable } from 'rxjs';
import { ObservabilityAttributes } from '../attributes';
import { handlerStatusOf } from '../errors/error-status';
import { shareHttpRoute } from '../http/http-route';
import { recordSpanError } from '../spans/span-error';
import { recordTcpOutcome } from '../tcp/tcp-message.state';
import { tracer } from '../tracer';
import type { HttpRequestLike } from './http-request.like';

/**
 * A span around every handler, HTTP and RPC, named `Controller.method`, made
 * current while the handler runs (subscription included: Nest calls the
 * handler when the stream is subscribed). The route template reaches the HTTP
 * server span through OpenTelemetry's RPC metadata (the HTTP instrumentation
 * names its span from it); a TCP message's outcome goes to its span and access
 * line through recordTcpOutcome. Errors are recorded, then rethrown unchanged.
 */
@Injectable()
export class TracingInterceptor implements NestInterceptor {
  intercept(executionContext: ExecutionContext, next: CallHandler<unknown>): Observable<unknown> {
    const handler = `${executionContext.getClass().name}.${executionContext.getHandler().name}`;
    const rpcContext =
      executionContext.getType() === 'rpc' ? executionContext.switchToRpc().getContext<object>() : undefined;
    const requestSpan = trace.getActiveSpan();
    if (!rpcContext) shareHttpRoute(executionContext.switchToHttp().getRequest<HttpRequestLike>());
    const span = tracer.startSpan(handler, {
      kind: SpanKind.INTERNAL,
      attributes: { [ObservabilityAttributes.Handler]: handler },
    });
    const active = trace.setSpan(context.active(), span);
    return new Observable((subscriber) =>
      context.with(active, () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            this.recordError(
              span,
              error,
              rpcContext ? ObservabilityAttributes.RpcStatusCode : 'http.response.status_code',
            );
            if (rpcContext) recordTcpOutcome(rpcContext, error);
            // The HTTP server span's status comes from the response; its exception event (X-Ray's cause) from here.
            else requestSpan?.recordException(error instanceof Error ? error : String(error));
            span.end();
            subscriber.error(error);
          },
          complete: () => {
            if (rpcContext) recordTcpOutcome(rpcContext);
            span.end();
            subscriber.complete();
          },
        }),
      ),
    );
  }

  private recordError(span: Span, error: unknown, statusAttribute: string): void {
    recordSpanError(span, error);
    span.setAttribute(statusAttribute, handlerStatusOf(error));
  }
}
