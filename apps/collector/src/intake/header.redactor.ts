import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isSecretName } from '@app/observability';
import { SigV4FormatError, claimsSigV4, parseSigV4Authorization } from '../common/sigv4-authorization';

/** A SigV4 `Authorization` header's parts that are not secret: never the signature. */
export interface SigV4Summary {
  algorithm: string;
  /** The access key id masked but its last 4 characters. */
  accessKeyId: string;
  scope: { date: string; region: string; service: string };
  signedHeaders: string[];
}

/** A header value as `GET /api/intake` shows it: the value, a redacted stand-in, or a SigV4 summary. */
export type ShownHeaderValue = string | SigV4Summary;

export const REDACTED = '[redacted]';

/**
 * Header names that carry secrets beyond the library's rule (`isSecretName`): vendors' keys
 * named after what they grant (`x-honeycomb-team`) and the many `*-auth-*` schemes. Kept
 * here, not in that rule, since it also decides span attributes, where `team` is an ordinary
 * resource attribute.
 */
const SECRET_HEADER = /team|auth|session|signature/i;

// A key of this process alone: the fingerprints tell values apart in one collector's record, and
// cannot be matched against a list of hashed guesses (a short secret's bare sha256 could).
const FINGERPRINT_KEY = randomBytes(32);

/** Whether a header's value is kept out of the intake record. */
export function isSecretHeader(name: string): boolean {
  return isSecretName(name) || SECRET_HEADER.test(name);
}

/** `[redacted] hmac:<8 hex> len=<n>`: two requests with the same secret show the same stand-in. */
export function redactedValue(value: string): string {
  const fingerprint = createHmac('sha256', FINGERPRINT_KEY).update(value).digest('hex').slice(0, 8);
  return `${REDACTED} hmac:${fingerprint} len=${Buffer.byteLength(value)}`;
}

/** `****************MPLE`: enough to tell keys apart, not enough to use one. */
function maskKeyId(keyId: string): string {
  return keyId.length <= 4 ? '*'.repeat(keyId.length) : `${'*'.repeat(keyId.length - 4)}${keyId.slice(-4)}`;
}

function sigV4Summary(value: string): SigV4Summary | undefined {
  try {
    const { algorithm, accessKeyId, scope, signedHeaders } = parseSigV4Authorization(value);
    return { algorithm, accessKeyId: maskKeyId(accessKeyId), scope, signedHeaders };
  } catch (error) {
    if (error instanceof SigV4FormatError) return undefined;
    throw error;
  }
}

/**
 * The headers of a request as the intake record shows them: every value, except secrets
 * (`isSecretHeader`), which are replaced by `redactedValue`; a SigV4 `Authorization` header is
 * shown as its non-secret parts (`SigV4Summary`), or redacted whole when it does not parse.
 * Repeated headers are joined with `, `, as HTTP allows.
 */
export function redactHeaders(headers: IncomingHttpHeaders): Record<string, ShownHeaderValue> {
  const shown: Record<string, ShownHeaderValue> = Object.create(null) as Record<string, ShownHeaderValue>;
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (!isSecretHeader(name)) shown[name] = value;
    else if (name === 'authorization' && claimsSigV4(value)) shown[name] = sigV4Summary(value) ?? redactedValue(value);
    else shown[name] = redactedValue(value);
  }
  return shown;
}
