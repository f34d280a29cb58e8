import { type Attributes, type Span, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';

/**
 * Spans of the calls a service makes to its dependencies, written with the
 * OpenTelemetry API alone (a no-op until an SDK is registered, as the
 * observability library does at start-up). The attribute names are listed in
 * libs/observability/README.md.
 */
const tracer = trace.getTracer('@app/platform');

/** The attribute naming the called service; X-Ray names the remote subsegment after it. */
export const PEER_SERVICE = 'peer.service';
/** Status a TCP handler answered with (200 when it succeeded). */
export const RPC_STATUS_CODE = 'cruddur.rpc.status_code';

/** Runs `call` inside a new span made current, recording its outcome; the error is rethrown unchanged. */
export async function traceDependencyCall<T>(
  name: string,
  kind: SpanKind,
  attributes: Attributes,
  call: (span: Span) => Promise<T>,
  statusOf: (error: unknown) => number | undefined,
): Promise<T> {
  const span = tracer.startSpan(name, { kind, attributes });
  try {
    return await context.with(trace.setSpan(context.active(), span), () => call(span));
  } catch (error) {
    const status = statusOf(error);
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    if (status !== undefined) span.setAttribute(RPC_STATUS_CODE, status);
    throw error;
  } finally {
    span.end();
  }
}

/** The active context's trace headers (traceparent, tracestate, baggage, X-Amzn-Trace-Id), as the registered propagator writes them. */
export function traceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}
