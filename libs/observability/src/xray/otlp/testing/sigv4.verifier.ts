import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ReceivedRequest } from './otlp-endpoint.fixture';

/** The parts of a received `Authorization: AWS4-HMAC-SHA256 …` header. */
export interface Sigv4Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/;

/** Reads an Authorization header; undefined when it is not a SigV4 one. */
export function parseAuthorization(header: string | undefined): Sigv4Authorization | undefined {
  const match = AUTHORIZATION.exec(header ?? '');
  if (!match) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

/**
 * The Authorization header a SigV4 signer computes for the request as it was received (its method,
 * path, signed headers and body, at its `x-amz-date`) with `secretAccessKey`. The received
 * `x-amz-content-sha256` is left out, so the signer hashes the body that arrived itself.
 */
export async function expectedAuthorization(received: ReceivedRequest, secretAccessKey: string): Promise<string> {
  const auth = parseAuthorization(received.headers.authorization);
  if (!auth) throw new Error(`not a SigV4 Authorization header: ${received.headers.authorization}`);
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    if (name !== 'x-amz-content-sha256') headers[name] = String(received.headers[name]);
  }
  const url = new URL(received.path, `http://${received.headers.host}`);
  const token = received.headers['x-amz-security-token'];
  const signer = new SignatureV4({
    service: auth.service,
    region: auth.region,
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey, sessionToken: token ? String(token) : undefined },
    sha256: Sha256,
  });
  const signed = await signer.sign(
    {
      method: received.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: received.body,
    },
    { signingDate: parseAmzDate(String(received.headers['x-amz-date'])) },
  );
  return String(signed.headers.authorization);
}

/** `20261202T044215Z` as a Date. */
function parseAmzDate(value: string): Date {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) throw new Error(`not an x-amz-date: ${value}`);
  const [year, month, day, hours, minutes, seconds] = match.slice(1).map(Number);
  return new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
}
