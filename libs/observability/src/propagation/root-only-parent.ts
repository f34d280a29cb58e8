import { createHash } from 'node:crypto';

/**
 * An X-Amzn-Trace-Id with a `Root` but no `Parent` (a load balancer's, say)
 * continues that trace without naming the caller's segment. OpenTelemetry has
 * no remote parent without a span id, so the propagator gives that context
 * this synthetic span id, derived from the trace id alone. The X-Ray
 * conversion recognises it and emits the segment without `parent_id`, as a root.
 */
export function rootOnlyParentSpanId(traceId: string): string {
  const id = createHash('sha256').update(`x-amzn-root-only:${traceId}`).digest('hex').slice(0, 16);
  return /^0+$/.test(id) ? '0000000000000001' : id;
}
