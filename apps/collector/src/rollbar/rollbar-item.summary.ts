import { canonicalTraceId } from '../store/trace-ids';
import { ROLLBAR } from './rollbar.constants';
import type { RollbarItemData } from './rollbar-item.model';

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function traceTitle(trace: Json | undefined): string | undefined {
  const exception = asObject(trace?.exception);
  const name = asString(exception?.class);
  if (!name) return undefined;
  const message = asString(exception?.message);
  return message ? `${name}: ${message}` : name;
}

/** One line naming the item: its `title`, else exception class and message, else the message body. */
export function titleOf(data: RollbarItemData): string {
  const body = asObject(data.body) ?? {};
  const chain = Array.isArray(body.trace_chain) ? body.trace_chain : [];
  const title =
    asString(data.title) ??
    traceTitle(asObject(body.trace)) ??
    traceTitle(asObject(chain[0])) ??
    asString(asObject(body.message)?.body) ??
    (asObject(body.crash_report)
      ? `Crash report: ${asString(asObject(body.crash_report)?.raw)?.split('\n')[0] ?? ''}`
      : undefined) ??
    '(untitled item)';
  return title.length > ROLLBAR.maxTitleLength ? `${title.slice(0, ROLLBAR.maxTitleLength - 1)}…` : title;
}

/** The trace an item belongs to: `custom.trace_id` or `custom.xray_trace_id`, in either form. */
export function traceIdOf(data: RollbarItemData): string | undefined {
  const custom = asObject(data.custom);
  for (const value of [custom?.trace_id, custom?.xray_trace_id]) {
    const canonical = typeof value === 'string' ? canonicalTraceId(value) : undefined;
    if (canonical) return canonical;
  }
  return undefined;
}
