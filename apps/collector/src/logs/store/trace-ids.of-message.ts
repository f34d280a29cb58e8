import { parseJson } from '@app/common';
import { canonicalTraceId } from '../../store/trace-ids';

/**
 * Canonical trace ids a JSON log line names in its `trace_id` or
 * `xray_trace_id` field (either form each); none for other messages. Read
 * once when the event arrives, so finding a trace's logs parses nothing.
 */
export function traceIdsOfMessage(message: string): string[] {
  if (!message.trimStart().startsWith('{')) return [];
  let parsed: unknown;
  try {
    parsed = parseJson(message);
  } catch {
    // Not JSON, or too deep to read safely: plain text.
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  const ids = new Set<string>();
  for (const field of ['trace_id', 'xray_trace_id']) {
    const value = (parsed as Record<string, unknown>)[field];
    const canonical = typeof value === 'string' ? canonicalTraceId(value) : undefined;
    if (canonical) ids.add(canonical);
  }
  return [...ids];
}
