/** The parts of an AWS Signature Version 4 `Authorization` header. */
export interface SigV4Authorization {
  algorithm: string;
  accessKeyId: string;
  /** The credential scope: `<yyyymmdd>/<region>/<service>/aws4_request`. */
  scope: { date: string; region: string; service: string };
  signedHeaders: string[];
  /** Hex; never shown or logged. */
  signature: string;
}

/** Why an `Authorization` header that claims SigV4 cannot be read, in AWS's words where AWS has some. */
export class SigV4FormatError extends Error {}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SCOPE = /^([^/\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request$/;

/**
 * Whether an `Authorization` header claims to be an AWS Signature Version 4 one (`AWS4-…`):
 * such a request is meant for AWS, and a malformed one is refused rather than read as another
 * scheme.
 */
export function claimsSigV4(authorization: string | undefined): boolean {
  return authorization !== undefined && /^\s*AWS4-/i.test(authorization);
}

/**
 * Reads `AWS4-HMAC-SHA256 Credential=<key id>/<yyyymmdd>/<region>/<service>/aws4_request,
 * SignedHeaders=<a;b>, Signature=<hex>`. Throws SigV4FormatError saying what is missing or wrong.
 * Checks the form only: nothing here can tell whether the signature is right.
 */
export function parseSigV4Authorization(authorization: string): SigV4Authorization {
  const header = authorization.trim();
  const space = header.indexOf(' ');
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM) {
    throw new SigV4FormatError(
      `Unsupported AWS 'algorithm': '${algorithm.slice(0, 40)}' (only ${ALGORITHM} is accepted)`,
    );
  }
  const parameters = new Map<string, string>();
  for (const part of header.slice(algorithm.length).split(',')) {
    const trimmed = part.trim();
    const equals = trimmed.indexOf('=');
    if (equals > 0) parameters.set(trimmed.slice(0, equals), trimmed.slice(equals + 1));
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((name) => !parameters.get(name));
  if (missing.length > 0) {
    throw new SigV4FormatError(
      `Authorization header requires ${missing.map((name) => `'${name}'`).join(', ')} parameter${missing.length > 1 ? 's' : ''}. ` +
        `Authorization=${ALGORITHM} Credential=<key id>/<yyyymmdd>/<region>/<service>/aws4_request, SignedHeaders=<names>, Signature=<hex>`,
    );
  }
  const credential = parameters.get('Credential') ?? '';
  const scope = SCOPE.exec(credential);
  if (!scope) {
    throw new SigV4FormatError(
      "Credential must have the form '<key id>/<yyyymmdd>/<region>/<service>/aws4_request', got " +
        `${credential.split('/').length} part(s)`,
    );
  }
  const signature = parameters.get('Signature') ?? '';
  if (!/^[0-9a-f]{64}$/i.test(signature)) throw new SigV4FormatError('Signature must be 64 hex digits');
  const signedHeaders = (parameters.get('SignedHeaders') ?? '').split(';').filter((name) => name.length > 0);
  return {
    algorithm,
    accessKeyId: scope[1],
    scope: { date: scope[2], region: scope[3], service: scope[4] },
    signedHeaders,
    signature,
  };
}
