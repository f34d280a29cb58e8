import { isValidSpanId } from '@opentelemetry/api';
import { rootOnlyParentSpanId } from '../propagation/root-only-parent';

/**
 * The `parent_id` a segment gets for an OTel parent span id: none when there
 * is no valid parent, or when the parent is the synthetic id the propagator
 * gives an `X-Amzn-Trace-Id` that had a Root but no Parent (the trace starts
 * at this request as far as X-Ray knows).
 */
export function segmentParentId(traceId: string, parentSpanId: string | undefined): string | undefined {
  if (parentSpanId === undefined || !isValidSpanId(parentSpanId)) return undefined;
  return parentSpanId === rootOnlyParentSpanId(traceId) ? undefined : parentSpanId;
}
