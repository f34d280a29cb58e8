import { parseJson } from '@app/common';

/**
 * Splits an X-Ray daemon datagram into its header and its segment document:
 * `{"format": "json", "version": 1}` + `\n` + one JSON document. Returns the
 * document's text, or throws an Error saying what is wrong with the header.
 */
export function segmentFromDatagram(datagram: Buffer): string {
  const text = datagram.toString('utf8');
  const newline = text.indexOf('\n');
  if (newline < 0)
    throw new Error('datagram has no header line (expected {"format": "json", "version": 1} and a newline)');
  let header: unknown;
  try {
    header = parseJson(text.slice(0, newline));
  } catch {
    throw new Error(`datagram header is not JSON: ${JSON.stringify(text.slice(0, Math.min(newline, 80)))}`);
  }
  const { format, version } = (typeof header === 'object' && header !== null ? header : {}) as Record<string, unknown>;
  if (format !== 'json' || version !== 1) {
    throw new Error(`datagram header must be {"format": "json", "version": 1}, got ${JSON.stringify(header)}`);
  }
  return text.slice(newline + 1);
}
