import { JsonTooDeepError, parseJson } from '@app/common';
import { Controller, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { HttpRequest as Request, HttpResponse as Response } from '../common/http.types';
import { COLLECTOR_LIMITS } from '../collector.constants';
import type { CollectorLimits } from '../collector.config';
import { readBody } from '../common/body.reader';
import { ProtocolError } from '../common/protocol.error';
import { claimsSigV4 } from '../common/sigv4-authorization';
import { RecordIntake } from '../intake';
import { type Protocol, StatsService } from '../common/stats.service';
import { TraceStore } from '../store/trace.store';
import { XrayOtlpIngestService, checkXrayOtlpSignature, requestOverLimit, XRAY_OTLP_LIMITS } from '../xray';
import {
  type DecodedMessage,
  type PartialSuccess,
  decodeLogsRequest,
  decodeTracesRequest,
  encodeLogsResponse,
  encodeTracesResponse,
} from './otlp.codec';
import { OtlpErrorFilter } from './otlp-error.filter';
import { OtlpLogStore } from './otlp-log.store';
import { readLogsRequest } from './otlp-logs.reader';
import type { ReadResult } from './otlp-envelope.reader';
import type { OtelSpan } from '../store/otel-span';
import { readTracesRequest } from './otlp-traces.reader';
import { type IdEncoding, OtlpRequestError } from './otlp-values';
import { ProtobufTooDeepError } from './protobuf-depth';

type Encoding = 'protobuf' | 'json';

/**
 * OTLP/HTTP receiver: `POST /v1/traces` and `POST /v1/logs`, binary protobuf
 * or JSON, compressed or not. Valid items are kept even when others in the
 * same request are not; those are reported in partial_success.
 *
 * A trace export with a SigV4 `Authorization` header is meant for X-Ray's OTLP
 * endpoint (`https://xray.<region>.amazonaws.com/v1/traces`, the same path): its
 * spans become X-Ray segment documents, and stay out of the OpenTelemetry view
 * (the services' unsigned export fills that).
 */
@Controller('v1')
@UseFilters(OtlpErrorFilter)
export class OtlpController {
  constructor(
    @Inject(COLLECTOR_LIMITS) private readonly limits: Pick<CollectorLimits, 'bodyLimitBytes'>,
    private readonly traces: TraceStore,
    private readonly logs: OtlpLogStore,
    private readonly stats: StatsService,
    private readonly xray: XrayOtlpIngestService,
  ) {}

  @Post('traces')
  @RecordIntake((request) => (claimsSigV4(request.headers.authorization) ? 'xray-otlp' : 'otlp-traces'))
  async exportTraces(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (claimsSigV4(request.headers.authorization)) return this.exportToXray(request, response);
    const result = await this.read(request, 'otlp_traces', decodeTracesRequest, readTracesRequest);
    this.stats.count('otlp_traces', 'accepted', result.items.length);
    this.traces.addSpans(result.items.map((span) => ({ span, bytes: JSON.stringify(span).length })));
    this.answer(response, request, result, encodeTracesResponse, 'rejectedSpans');
  }

  @Post('logs')
  @RecordIntake('otlp-logs')
  async exportLogs(@Req() request: Request, @Res() response: Response): Promise<void> {
    const result = await this.read(request, 'otlp_logs', decodeLogsRequest, readLogsRequest);
    this.stats.count('otlp_logs', 'accepted', result.items.length);
    this.logs.add(result.items.map((record) => ({ record, bytes: JSON.stringify(record).length })));
    this.answer(response, request, result, encodeLogsResponse, 'rejectedLogRecords');
  }

  /** X-Ray's OTLP endpoint: the same reading and limits, then segment documents instead of spans. */
  private async exportToXray(request: Request, response: Response): Promise<void> {
    this.stats.countArrival('xrayOtlpRequests');
    let result: ReadResult<OtelSpan>;
    try {
      this.checkSignature(request);
      // X-Ray's endpoint takes at most 5 MB uncompressed, whatever the collector's own limit.
      const bodyLimit = Math.min(this.limits.bodyLimitBytes, XRAY_OTLP_LIMITS.requestBytes);
      result = await this.read(request, 'xray_otlp', decodeTracesRequest, readTracesRequest, bodyLimit);
      const overLimit = requestOverLimit(result.items);
      if (overLimit !== undefined) {
        this.stats.count('xray_otlp', 'rejected', result.items.length);
        throw new OtlpRequestError(overLimit);
      }
    } catch (error) {
      this.stats.countArrival('xrayOtlpRefusedRequests');
      throw error;
    }
    const ingested = this.xray.ingestSpans(result.items);
    const outcome: ReadResult<never> = {
      items: [],
      rejected: result.rejected + ingested.refused,
      errors: [...result.errors, ...ingested.errors].slice(0, 5),
    };
    this.answer(response, request, outcome, encodeTracesResponse, 'rejectedSpans');
  }

  /** Refuses a signature X-Ray would refuse, before reading the body (which is discarded). */
  private checkSignature(request: Request): void {
    try {
      checkXrayOtlpSignature(request.headers);
    } catch (error) {
      request.resume();
      this.stats.count('xray_otlp', 'rejected');
      throw error;
    }
  }

  private async read<T>(
    request: Request,
    protocol: Protocol,
    decode: (bytes: Uint8Array) => DecodedMessage,
    readRequest: (message: unknown, ids: IdEncoding) => ReadResult<T>,
    bodyLimitBytes = this.limits.bodyLimitBytes,
  ): Promise<ReadResult<T>> {
    try {
      const encoding = this.encodingOf(request);
      const body = await readBody(request, bodyLimitBytes);
      let message: unknown;
      if (encoding === 'protobuf') {
        try {
          message = decode(body);
        } catch (error) {
          if (error instanceof ProtobufTooDeepError) throw new OtlpRequestError(`body refused: ${error.message}`);
          throw new OtlpRequestError(`body is not a valid protobuf message: ${(error as Error).message}`);
        }
      } else {
        try {
          message = parseJson(body.toString('utf8'));
        } catch (error) {
          if (error instanceof JsonTooDeepError) throw new OtlpRequestError(`body refused: ${error.message}`);
          throw new OtlpRequestError(`body is not valid JSON: ${(error as Error).message}`);
        }
      }
      const result = readRequest(message, encoding === 'protobuf' ? 'base64' : 'hex');
      // Accepted items are counted by the caller, once they are kept.
      this.stats.count(protocol, 'rejected', result.rejected);
      return result;
    } catch (error) {
      this.stats.count(protocol, 'rejected');
      throw error;
    }
  }

  private encodingOf(request: Request): Encoding {
    if (request.is('application/x-protobuf')) return 'protobuf';
    if (request.is('application/json')) return 'json';
    request.resume();
    throw new ProtocolError(
      415,
      'UnsupportedMediaType',
      `Content-Type must be application/x-protobuf or application/json, got ${request.headers['content-type'] ?? 'none'}`,
    );
  }

  private answer<T>(
    response: Response,
    request: Request,
    result: ReadResult<T>,
    encode: (partial?: PartialSuccess) => Uint8Array,
    rejectedField: string,
  ): void {
    const partial =
      result.rejected > 0 ? { rejected: result.rejected, errorMessage: result.errors.join('; ') } : undefined;
    if (request.is('application/x-protobuf')) {
      response
        .status(200)
        .type('application/x-protobuf')
        .send(Buffer.from(encode(partial)));
    } else {
      response
        .status(200)
        .json(
          partial
            ? { partialSuccess: { [rejectedField]: String(partial.rejected), errorMessage: partial.errorMessage } }
            : {},
        );
    }
  }
}
