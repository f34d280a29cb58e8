import { redact, REDACTED, redactString } from '../logging/redact';
import { isSecretName } from '../redaction/secret-name';

// `"name": value` in JSON text: a raw body, or a JSON.parse error quoting the body it failed on.
const JSON_FIELD = /"([^"\\]{1,64})"(\s*:\s*)("(?:[^"\\]|\\.)*"|[^,}\]\s]+)/g;

/**
 * Free text (an error message, a stack, a raw body) with credentials masked: what the logging
 * redactor masks in strings (`Bearer …`, `password=…`) and sensitive fields of JSON text.
 */
export function redactSensitiveText(text: string): string {
  const masked = redactString(text);
  if (!masked.includes('"')) return masked;
  return masked.replace(JSON_FIELD, (match, name: string, colon: string) =>
    isSecretName(name) ? `"${name}"${colon}"${REDACTED}"` : match,
  );
}

/**
 * A JSON-safe copy of structured data (headers, body, payload, custom data) with sensitive fields
 * replaced at any depth: the logging redactor's, so logs and error reports hide the same fields;
 * string values also get the JSON-text pass.
 */
export function redactSensitive(value: unknown): unknown {
  return deepText(redact(value), 0);
}

function deepText(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactSensitiveText(value);
  if (value === null || typeof value !== 'object' || depth > 20) return value;
  if (Array.isArray(value)) return value.map((item) => deepText(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = deepText(item, depth + 1);
  return out;
}
