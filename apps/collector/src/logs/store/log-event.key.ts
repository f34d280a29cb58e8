/**
 * Position of an event in a stream's order (timestamp, then arrival). Its
 * 56-digit string form is the event id, and, with `f/` or `b/` in front, a
 * GetLogEvents token: the same shapes AWS uses, and clients treat them as opaque.
 */
export interface EventKey {
  timestamp: number;
  seq: number;
}

const TIMESTAMP_DIGITS = 20;
const SEQ_DIGITS = 36;

/** The 56-digit form of a key. */
export function formatEventKey(key: EventKey): string {
  return String(key.timestamp).padStart(TIMESTAMP_DIGITS, '0') + String(key.seq).padStart(SEQ_DIGITS, '0');
}

/** A key from its 56-digit form, or undefined when the text is not one. */
export function parseEventKey(text: string): EventKey | undefined {
  if (!/^[0-9]{56}$/.test(text)) return undefined;
  const timestamp = Number(text.slice(0, TIMESTAMP_DIGITS));
  const seq = Number(text.slice(TIMESTAMP_DIGITS));
  return Number.isSafeInteger(timestamp) && Number.isSafeInteger(seq) ? { timestamp, seq } : undefined;
}

/** Negative when `a` comes before `b` in a stream. */
export function compareEventKeys(a: EventKey, b: EventKey): number {
  return a.timestamp - b.timestamp || a.seq - b.seq;
}

/** A key before every event (sequence numbers start at 1). */
export const FIRST_KEY: EventKey = { timestamp: 0, seq: 0 };
