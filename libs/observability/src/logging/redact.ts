import { isSecretName } from '../redaction/secret-name';
import { isSecretQueryParam } from '../redaction/url.redactor';

/** What a redacted value is replaced by. */
export const REDACTED = '[REDACTED]';

// `Bearer <x>` / `Basic <x>` anywhere in a string (a header copied into a
// message, an error text). Over-redacting "Basic plan" is the safe mistake.
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi;
// `name=value` pairs (query strings, form bodies, connection strings) whose name is sensitive.
const KEY_VALUE = /([?&;\s]|^)([A-Za-z0-9_.-]+)=([^&;\s#]*)/g;

const MAX_DEPTH = 20;

/** A string with bearer/basic credentials and sensitive `name=value` pairs masked. */
export function redactString(text: string): string {
  if (!/bearer|basic|=/i.test(text)) return text;
  return text
    .replace(AUTH_SCHEME, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(KEY_VALUE, (match, lead: string, key: string) =>
      isSecretQueryParam(key) ? `${lead}${key}=${REDACTED}` : match,
    );
}

function errorFields(error: Error): Record<string, unknown> {
  // An Error's name, message and stack are own but non-enumerable: copy them explicitly.
  const fields: Record<string, unknown> = { name: error.name, message: error.message, stack: error.stack };
  for (const [key, value] of Object.entries(error)) fields[key] = value;
  if (error.cause !== undefined) fields.cause = error.cause;
  return fields;
}

function walk(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return redactString(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Too deep]';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Buffer.isBuffer(value)) return `[Buffer ${value.length} bytes]`;
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => walk(item, seen, depth + 1));
    const source =
      value instanceof Error ? errorFields(value) : value instanceof Map ? Object.fromEntries(value) : value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(source)) {
      out[key] = isSecretName(key) ? REDACTED : walk(item, seen, depth + 1);
    }
    return out;
  } finally {
    // A value seen twice on different branches is not a cycle.
    seen.delete(value);
  }
}

/**
 * A copy of `value` safe to log or report: fields with a secret's name
 * (`isSecretName`: authorization, cookie, set-cookie, password, *token*,
 * *secret*, api_key, *_key…) become `[REDACTED]` at any depth, in objects and
 * arrays; `Bearer …`/`Basic …` and sensitive `name=value` pairs inside
 * strings are masked. The input is never modified. The copy is plain JSON
 * data: Errors become `{ name, message, stack, … }`, cycles `[Circular]`,
 * bigints strings, Dates ISO strings.
 */
export function redact(value: unknown): unknown {
  return walk(value, new WeakSet(), 0);
}
