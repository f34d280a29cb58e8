import type { AwsCredentialIdentityProvider } from '@smithy/types';

/** Options of {@link XrayOtlpSpanExporter}. */
export interface XrayOtlpExporterOptions {
  /** The full URL spans are POSTed to, path included: `https://xray.<region>.amazonaws.com/v1/traces`. */
  endpoint: string;
  /** The AWS region of the signature's credential scope (`<date>/<region>/xray/aws4_request`). */
  region: string;
  /**
   * Most time one export may take, from resolving the credentials to the last byte of the answer,
   * its one retry included.
   * @default 10000
   */
  timeoutMs?: number;
  /**
   * Where the signing credentials come from; asked once per export (the SDK's providers cache and
   * refresh what they resolve).
   * @default the AWS SDK's usual chain: `defaultProvider()` of `@aws-sdk/credential-provider-node`
   */
  credentials?: AwsCredentialIdentityProvider;
}

/** The export timeout when the options give none. */
export const DEFAULT_XRAY_OTLP_TIMEOUT_MS = 10_000;
