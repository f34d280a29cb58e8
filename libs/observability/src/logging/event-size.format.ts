import { format } from 'winston';

/**
 * Largest CloudWatch event message we hand to winston-cloudwatch, in UTF-8
 * bytes. AWS allows 1 MiB per event, but the transport (6.x) cuts any
 * message over 256,000 bytes (its own limit, counting 26 bytes of overhead)
 * with `substring`: that breaks the JSON, so `{ $.trace_id = … }` no longer
 * finds the line, and it calls the upload's callback once per cut event.
 * Staying below its limit, with room for its 26 bytes, keeps it from cutting.
 */
export const MAX_EVENT_BYTES = 250_000;

// Fields kept whole when a line is shrunk: they are what the line is found by.
const KEEP = ['timestamp', 'level', 'service', 'context', 'trace_id', 'span_id', 'xray_trace_id', 'type'];

/** Bytes of the message winston-cloudwatch will send (`jsonMessage: true` indents by two spaces). */
export function eventBytes(info: object): number {
  return Buffer.byteLength(JSON.stringify(info, null, 2), 'utf8');
}

/** The first `maxBytes` UTF-8 bytes of `text`, without a broken character at the end. */
function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  return bytes
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
}

/**
 * For the CloudWatch transport only: a line whose JSON exceeds
 * `MAX_EVENT_BYTES` is shrunk to its identifying fields, its message cut to
 * fit, `truncated: true` and `original_bytes`: still valid JSON, still found by trace id.
 */
export const eventSizeFormat = format((info, options: unknown) => {
  const maxBytes = (options as { maxBytes?: number } | undefined)?.maxBytes ?? MAX_EVENT_BYTES;
  const size = eventBytes(info);
  if (size <= maxBytes) return info;
  const message = typeof info.message === 'string' ? info.message : (JSON.stringify(info.message) ?? '');
  for (const key of Object.keys(info)) if (!KEEP.includes(key)) delete info[key];
  Object.assign(info, { truncated: true, original_bytes: size });
  // JSON escaping can grow the text (quotes, control characters): shrink until it fits.
  let budget = maxBytes - eventBytes({ ...info, message: '' });
  do {
    info.message = truncateUtf8(message, Math.max(budget, 0));
    budget -= Math.max(1, Math.ceil((eventBytes(info) - maxBytes) / 2));
  } while (eventBytes(info) > maxBytes && budget > 0);
  return info;
});
