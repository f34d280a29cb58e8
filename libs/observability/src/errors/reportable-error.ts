import { types } from 'node:util';
import { redactSensitive, redactSensitiveText } from './sensitive-data.redactor';

const MAX_CAUSES = 5;

// V8's JSON.parse errors quote the text around the fault (`Unexpected token 'h', ..."assword":
// hunter2}" is not valid JSON`): a request body, cut where no field name may be left to redact.
// Bounded: the snippet is short, and an unbounded lazy scan would be quadratic on a long text.
const JSON_SNIPPET = /, (?:\.\.\.)?"[\s\S]{0,200}?"(?:\.\.\.)? is not valid JSON/g;

/** Text of an error (message, stack) as it may leave the process. */
function redactErrorText(text: string): string {
  return redactSensitiveText(text.replace(JSON_SNIPPET, ', <input withheld> is not valid JSON'));
}

/**
 * What Rollbar is given for a thrown value: an Error whose message and stack went through the
 * text redactor (a JSON.parse error quotes the body it failed on, password included), with its
 * `cause` chain treated the same way. A copy, never the original: telemetry does not change a
 * business error. Rollbar reads `name`, `message`, `stack` and `cause`, and tells an error by
 * `instanceof Error`, which the copy keeps through its prototype.
 */
export function reportableError(thrown: unknown, depth = 0): Error {
  if (!(thrown instanceof Error || types.isNativeError(thrown))) {
    const text = typeof thrown === 'string' ? thrown : safeJson(redactSensitive(thrown));
    const error = new Error(redactSensitiveText(`Non-error thrown: ${text}`));
    error.name = 'NonError';
    return error;
  }
  const original = thrown as Error;
  const copy = Object.create(Object.getPrototypeOf(original) as object) as Error;
  Object.defineProperties(copy, {
    name: { value: String(original.name), writable: true, configurable: true },
    message: { value: redactErrorText(String(original.message ?? '')), writable: true, configurable: true },
    stack: { value: redactErrorText(String(original.stack ?? '')), writable: true, configurable: true },
  });
  if (original.cause !== undefined && depth < MAX_CAUSES) {
    Object.defineProperty(copy, 'cause', { value: reportableError(original.cause, depth + 1), configurable: true });
  }
  return copy;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
