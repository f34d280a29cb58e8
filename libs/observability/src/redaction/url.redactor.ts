import { isSecretName } from './secret-name';

/**
 * What a secret in a URL becomes: the literal the OpenTelemetry semantic conventions give for
 * `url.query` and `url.full` (and that the HTTP instrumentation uses), not the logs' `[REDACTED]`,
 * whose brackets a URL would have to percent-encode.
 */
export const URL_REDACTED = 'REDACTED';

/**
 * Query parameters the semantic conventions say to redact by default (signed URLs of S3, Azure
 * and Google Cloud Storage), on top of every name {@link isSecretName} takes for a secret.
 */
const SIGNATURE_PARAMS = new Set(
  ['AWSAccessKeyId', 'Signature', 'sig', 'X-Goog-Signature', 'X-Amz-Signature', 'X-Amz-Credential'].map((name) =>
    name.toLowerCase(),
  ),
);

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw; // a broken escape is still a name worth looking at as it is
  }
}

/** Whether a query parameter's value must not be recorded: a secret's name, or a URL signature's. */
export function isSecretQueryParam(name: string): boolean {
  const decoded = decodeName(name);
  return isSecretName(decoded) || SIGNATURE_PARAMS.has(decoded.toLowerCase());
}

/**
 * A query string (without its `?`) with the value of each secret parameter replaced by
 * {@link URL_REDACTED}; everything else is kept byte for byte (order, encoding, empty members),
 * so the recorded query still reads like the one received.
 */
export function redactQuery(query: string): string {
  if (!query.includes('=')) return query;
  return query
    .split('&')
    .map((member) => {
      const equals = member.indexOf('=');
      if (equals < 0) return member;
      const name = member.slice(0, equals);
      return isSecretQueryParam(name) ? `${name}=${URL_REDACTED}` : member;
    })
    .join('&');
}

// scheme "://" userinfo "@": the credentials part of an absolute URL's authority.
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i;

/**
 * A URL (absolute, or a request target such as `/api/search?token=x`) fit to record in a span,
 * a segment, a log line or an error report: userinfo becomes `REDACTED:REDACTED@` and secret
 * query (and fragment) parameters `name=REDACTED`, as the semantic conventions ask for `url.full`.
 * Never throws: a malformed URL is redacted as text.
 */
export function redactUrl(url: string): string {
  const withoutUser = url.replace(USERINFO, `$1${URL_REDACTED}:${URL_REDACTED}@`);
  const hash = withoutUser.indexOf('#');
  const beforeHash = hash < 0 ? withoutUser : withoutUser.slice(0, hash);
  // OAuth's implicit flow puts `access_token=` in the fragment: it gets the same treatment.
  const fragment = hash < 0 ? '' : `#${redactQuery(withoutUser.slice(hash + 1))}`;
  const question = beforeHash.indexOf('?');
  if (question < 0) return beforeHash + fragment;
  return `${beforeHash.slice(0, question + 1)}${redactQuery(beforeHash.slice(question + 1))}${fragment}`;
}
