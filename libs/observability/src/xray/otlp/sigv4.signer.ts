import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, HttpRequest } from '@smithy/types';

/** The signing name of X-Ray, the service in the credential scope. */
export const XRAY_SIGNING_SERVICE = 'xray';

/** The OTLP/HTTP media type of a protobuf-encoded export request. */
export const OTLP_PROTOBUF_CONTENT_TYPE = 'application/x-protobuf';

/**
 * Signs a POST of `body` to `url` with SigV4 for X-Ray and returns the headers to send: `host`,
 * `content-type`, `content-length`, and what the signer adds (`x-amz-date`, `x-amz-content-sha256`,
 * `x-amz-security-token` with temporary credentials, `authorization`). Every header sent is signed,
 * so the request must go out with exactly these.
 */
export async function signOtlpPost(
  url: URL,
  body: Uint8Array,
  region: string,
  credentials: AwsCredentialIdentity,
): Promise<Record<string, string>> {
  // A signer per export: the credentials it holds are the ones resolved for this export.
  const signer = new SignatureV4({ service: XRAY_SIGNING_SERVICE, region, credentials, sha256: Sha256 });
  const request: HttpRequest = {
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: {
      host: url.host,
      'content-type': OTLP_PROTOBUF_CONTENT_TYPE,
      'content-length': String(body.byteLength),
    },
    body,
  };
  const signed = await signer.sign(request);
  return { ...signed.headers };
}
