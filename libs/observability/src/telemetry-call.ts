import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';

/**
 * Runs `fn`, and everything it starts (callbacks, promises, timers), outside
 * any trace: for the library's own network calls (log uploads, error items,
 * sampling polls, X-Ray datagrams). The SDK's tracer answers a non-recording
 * span to every instrumentation asking inside it, and the root context cuts
 * the request context the caller's timer or callback inherited, so a call
 * made on behalf of the telemetry is never a span, nor a child of a request.
 */
export function withoutTracing<T>(fn: () => T): T {
  return context.with(suppressTracing(ROOT_CONTEXT), fn);
}
