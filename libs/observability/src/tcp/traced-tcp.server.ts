import { type Span, type SpanContext, SpanKind, ROOT_CONTEXT, context, propagation, trace } from '@opentelemetry/api';
import { type CustomStrategy, ServerTCP, type TcpContext } from '@nestjs/microservices';

import { tracer } from '../tracer';
import { rpcStatusOf } from './rpc-status';

/** `rpc.system` / `messaging.system` of Nest's TCP transport (no registered value exists for it). */
const SYSTEM = 'nestjs_tcp';

/** One TCP message handled, for the access log. */
export interface TcpAccessEntry {
  pattern: string;
  kind: 'request' | 'event';
  /** 200, or the status of the error the handler answered with. */
  status: number;
  durationMs: number;
  remoteAddress?: string;
  /** The message's span (the access line carries its ids). */
  spanContext: SpanContext;
}

export interface TracedTcpServerOptions {
  host: string;
  port: number;
  /** This service's name, as `rpc.service` of the spans of its requests. */
  serviceName: string;
  /** Called once per message handled (the access log). */
  onHandled?: (entry: TcpAccessEntry) => void;
}

/**
 * A Nest TCP server whose every message runs in a span continuing the
 * caller's trace: the context comes from the packet's metadata (written by
 * the client's dispatch hook) and is current before guards, pipes,
 * interceptors and the handler run. Requests get SERVER spans, events CONSUMER spans.
 */
export function createTracedTcpServer(options: TracedTcpServerOptions): CustomStrategy {
  const server = new ServerTCP({ host: options.host, port: options.port });
  const spans = new WeakMap<object, { span: Span; startedAt: number; isEvent: boolean }>();
  server.setOnProcessingStartHook((_transport, rpcContext, done) => {
    const tcp = rpcContext as TcpContext;
    const pattern = tcp.getPattern();
    const isEvent = server.getHandlerByPattern(pattern)?.isEventHandler === true;
    const carrier = (tcp.getMetadata() ?? {}) as Record<string, string>;
    const parent = propagation.extract(ROOT_CONTEXT, carrier);
    const span = tracer.startSpan(
      isEvent ? `process ${pattern}` : pattern,
      {
        kind: isEvent ? SpanKind.CONSUMER : SpanKind.SERVER,
        attributes: isEvent
          ? { 'messaging.system': SYSTEM, 'messaging.destination.name': pattern, 'messaging.operation.type': 'process' }
          : { 'rpc.system': SYSTEM, 'rpc.service': options.serviceName, 'rpc.method': pattern },
      },
      parent,
    );
    spans.set(rpcContext as object, { span, startedAt: performance.now(), isEvent });
    return context.with(trace.setSpan(parent, span), done);
  });
  server.setOnProcessingEndHook((_transport, rpcContext) => {
    const entry = spans.get(rpcContext as object);
    if (!entry) return;
    spans.delete(rpcContext as object);
    entry.span.end();
    if (!options.onHandled) return;
    const tcp = rpcContext as TcpContext;
    try {
      options.onHandled({
        pattern: tcp.getPattern(),
        kind: entry.isEvent ? 'event' : 'request',
        status: rpcStatusOf(rpcContext as object) ?? 200,
        durationMs: Math.round((performance.now() - entry.startedAt) * 1000) / 1000,
        remoteAddress: tcp.getSocketRef()?.socket?.remoteAddress,
        spanContext: entry.span.spanContext(),
      });
    } catch {
      // The access log never breaks message handling.
    }
  });
  return { strategy: server };
}

