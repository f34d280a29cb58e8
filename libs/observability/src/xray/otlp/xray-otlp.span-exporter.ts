import { messageOf, ThrottledWarning } from '@app/common';
import { context, diag } from '@opentelemetry/api';
import {
  callWithTimeout,
  ExportResultCode,
  suppressTracing,
  TimeoutError,
  type ExportResult,
} from '@opentelemetry/core';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { describeRefusal, withoutSecrets } from './export-failure';
import { OtlpPoster, type PostOutcome } from './otlp.poster';
import { isRetryableNetworkError, isRetryableStatus, MAX_RETRY_DELAY_MS, retryDelayMs } from './retry.policy';
import { signOtlpPost } from './sigv4.signer';
import { DEFAULT_XRAY_OTLP_TIMEOUT_MS, type XrayOtlpExporterOptions } from './xray-otlp.options';

/** What one attempt came to: done (success or a final failure), or worth a retry after `delayMs`. */
type Attempt = { result: ExportResult } | { retry: Error; delayMs: number | undefined };

/**
 * Exports spans to AWS X-Ray's OTLP endpoint (`https://xray.<region>.amazonaws.com/v1/traces`):
 * each export is one OTLP/HTTP protobuf request, SigV4-signed for the service `xray` with the
 * credentials the provider gives at that moment. Put a BatchSpanProcessor in front: it bounds the
 * queue and counts what it drops; this exporter keeps nothing between exports.
 *
 * An export never throws: every failure (no credentials, a refusal, a timeout, no connection) is
 * `ExportResultCode.FAILED` with an error saying what happened, and never quotes the secret key, the
 * session token or the `Authorization` header. A 429, 502, 503 or 504 (or a dropped pooled
 * connection) is tried once more, after the answer's `Retry-After` when it is at most 5 s, within
 * the same `timeoutMs`. The exporter's own requests run with tracing suppressed, so no
 * instrumentation turns them into spans.
 */
export class XrayOtlpSpanExporter implements SpanExporter {
  private readonly endpoint: URL;
  private readonly where: string;
  private readonly region: string;
  private readonly timeoutMs: number;
  private readonly credentials: AwsCredentialIdentityProvider;
  private readonly poster: OtlpPoster;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly partialSuccess = new ThrottledWarning((message) => diag.warn(`X-Ray OTLP exporter: ${message}`));
  private shutDown = false;

  /** Throws on an endpoint that is not an http(s) URL, an empty region, or a timeout that is not positive. */
  constructor(options: XrayOtlpExporterOptions) {
    this.endpoint = parseEndpoint(options.endpoint);
    this.where = `${this.endpoint.origin}${this.endpoint.pathname}`;
    if (!options.region) throw new Error('X-Ray OTLP exporter: region is empty (it is part of the signature)');
    this.region = options.region;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_XRAY_OTLP_TIMEOUT_MS;
    if (!(this.timeoutMs > 0))
      throw new Error(`X-Ray OTLP exporter: timeoutMs must be positive, got ${this.timeoutMs}`);
    this.credentials = options.credentials ?? defaultProvider();
    this.poster = new OtlpPoster(this.endpoint);
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.shutDown) return resultCallback(failed('X-Ray OTLP exporter is shut down'));
    if (spans.length === 0) return resultCallback({ code: ExportResultCode.SUCCESS });
    const exported = context
      .with(suppressTracing(context.active()), () => this.send(spans))
      .catch((error: unknown) => failed(`X-Ray OTLP export failed: ${messageOf(error)}`))
      .then((result) => {
        try {
          resultCallback(result);
        } catch (error) {
          diag.error(`X-Ray OTLP exporter: the result callback threw: ${messageOf(error)}`);
        }
      });
    this.inFlight.add(exported);
    void exported.finally(() => this.inFlight.delete(exported));
  }

  /** Resolves once the exports under way have ended (each is bounded by `timeoutMs`). */
  async forceFlush(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  /**
   * Refuses new exports from now on (FAILED, "X-Ray OTLP exporter is shut down"), waits for those
   * under way (at most `timeoutMs`), then closes the pooled connections.
   */
  async shutdown(): Promise<void> {
    this.shutDown = true;
    try {
      await callWithTimeout(this.forceFlush(), this.timeoutMs);
    } catch {
      // Past the deadline: closing the connections below ends what is left.
    }
    this.poster.close();
  }

  private async send(spans: ReadableSpan[]): Promise<ExportResult> {
    const deadline = Date.now() + this.timeoutMs;
    const body = ProtobufTraceSerializer.serializeRequest(spans);
    if (!body) return failed(`X-Ray OTLP export failed: ${spans.length} span(s) could not be encoded as OTLP`);
    let credentials: AwsCredentialIdentity;
    try {
      credentials = await callWithTimeout(this.credentials(), this.timeoutMs);
    } catch (error) {
      const why =
        error instanceof TimeoutError ? `the provider gave none within ${this.timeoutMs} ms` : messageOf(error);
      return failed(`no AWS credentials: ${why}`);
    }
    const first = await this.attempt(body, credentials, deadline);
    if ('result' in first) return first.result;
    const wait = first.delayMs;
    if (wait === undefined || Date.now() + wait >= deadline) {
      const why = wait === undefined ? `it asked to wait over ${MAX_RETRY_DELAY_MS} ms` : 'no time left to retry';
      return failed(`${first.retry.message} (not retried: ${why})`);
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
    const second = await this.attempt(body, credentials, deadline);
    return 'result' in second ? second.result : failed(`${second.retry.message} (after one retry)`);
  }

  private async attempt(body: Uint8Array, credentials: AwsCredentialIdentity, deadline: number): Promise<Attempt> {
    // Signed per attempt: x-amz-date must be close to when the request leaves.
    const headers = await signOtlpPost(this.endpoint, body, this.region, credentials);
    const outcome = await this.poster.post(headers, body, deadline - Date.now());
    return this.judge(outcome, credentials);
  }

  private judge(outcome: PostOutcome, credentials: AwsCredentialIdentity): Attempt {
    if (outcome.kind === 'timeout') {
      return {
        result: failed(`X-Ray OTLP endpoint ${this.where} did not answer within the export's ${this.timeoutMs} ms`),
      };
    }
    if (outcome.kind === 'network') {
      const error = new Error(
        `X-Ray OTLP endpoint ${this.where} unreachable: ${withoutSecrets(outcome.error.message, credentials)}`,
      );
      return isRetryableNetworkError(outcome.error.code)
        ? { retry: error, delayMs: retryDelayMs(undefined) }
        : { result: { code: ExportResultCode.FAILED, error } };
    }
    if (outcome.status >= 200 && outcome.status < 300) {
      const rejected = partialSuccessOf(outcome.body);
      if (rejected) this.partialSuccess.warn(`the endpoint rejected ${rejected}`);
      return { result: { code: ExportResultCode.SUCCESS } };
    }
    const error = new Error(describeRefusal(outcome.status, outcome.headers, outcome.body, credentials));
    if (!isRetryableStatus(outcome.status)) return { result: { code: ExportResultCode.FAILED, error } };
    const retryAfter = outcome.headers['retry-after'];
    return { retry: error, delayMs: retryDelayMs(typeof retryAfter === 'string' ? retryAfter : undefined) };
  }
}

function failed(message: string): ExportResult {
  return { code: ExportResultCode.FAILED, error: new Error(message) };
}

function parseEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`X-Ray OTLP exporter: endpoint is not a URL: ${JSON.stringify(endpoint)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`X-Ray OTLP exporter: endpoint must be http(s), got ${url.protocol}`);
  }
  return url;
}

/** A 2xx can still say that some spans were rejected (OTLP's partial success): how many, and why. */
function partialSuccessOf(body: Buffer): string | undefined {
  if (body.length === 0) return undefined;
  try {
    const partial = ProtobufTraceSerializer.deserializeResponse(body).partialSuccess;
    if (!partial?.rejectedSpans) return undefined;
    return `${partial.rejectedSpans} span(s)${partial.errorMessage ? `: ${partial.errorMessage}` : ''}`;
  } catch {
    return undefined; // not an OTLP answer (an endpoint may answer 200 with JSON): nothing to report
  }
}
