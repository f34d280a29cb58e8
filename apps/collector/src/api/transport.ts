import type { Attributes } from '../store/otel-span';
import type { XraySegmentDocument } from '../store/xray-segment';
import type { Transport } from './explorer.contract';

/** How a CLIENT or PRODUCER span reached its callee: Nest TCP request, Nest TCP event, else HTTP. */
export function transportOfSpan(attributes: Attributes): Transport {
  if (attributes['rpc.system'] === 'nestjs_tcp') return 'tcp-request';
  if (attributes['messaging.system'] === 'nestjs_tcp') return 'tcp-event';
  return 'http';
}

/**
 * How a remote subsegment reached its callee. The X-Ray mirror gives TCP calls
 * no `http` block but an `rpc` metadata namespace: `system` (either span's
 * system), plus `destination`/`operation` for an event or `method` for a request.
 */
export function transportOfSubsegment(document: XraySegmentDocument): Transport {
  const rpc = document.metadata?.rpc;
  if (!rpc || document.http !== undefined) return 'http';
  if (rpc.destination !== undefined || rpc.operation !== undefined) return 'tcp-event';
  return 'tcp-request';
}
