import { JsonTooDeepError, parseJson } from '@app/common';
import { Controller, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { HttpRequest as Request, HttpResponse as Response } from '../common/http.types';
import { COLLECTOR_LIMITS } from '../collector.constants';
import type { CollectorLimits } from '../collector.config';
import { readBody } from '../common/body.reader';
import { ProtocolError } from '../common/protocol.error';
import { type Protocol, StatsService } from '../common/stats.service';
import { TraceStore } from '../store/trace.store';
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
import { readTracesRequest } from './otlp-traces.reader';
import { type IdEncoding, OtlpRequestError } from './otlp-values';
import { ProtobufTooDeepError } from './protobuf-depth';

type Encoding = 'protobuf' | 'json';

/**
 * OTLP/HTTP receiver: `POST /v1/traces` and `POST /v1/logs`, binary protobuf
 * or JSON, compressed or not. Valid items are kept even when others in the
 * same request are not; those are reported in partial_success.
 */
@Controller('v1')
@UseFilters(OtlpErrorFilter)
export class OtlpController {
  constructor(
    @Inject(COLLECTOR_LIMITS) private readonly limits: Pick<CollectorLimits, 'bodyLimitBytes'>,
    private readonly traces: TraceStore,
    private readonly logs: OtlpLogStore,
    private readonly stats: StatsService,
  ) {}

  @Post('traces')
  async exportTraces(@Req() request: Request, @Res() response: Response): Promise<void> {
    const result = await this.read(request, 'otlp_traces', decodeTracesRequest, readTracesRequest);
    this.traces.addSpans(result.items.map((span) => ({ span, bytes: JSON.stringify(span).length })));
    this.answer(response, request, result, encodeTracesResponse, 'rejectedSpans');
  }

  @Post('logs')
  async exportLogs(@Req() request: Request, @Res() response: Response): Promise<void> {
    const result = await this.read(request, 'otlp_logs', decodeLogsRequest, readLogsRequest);
    this.logs.add(result.items.map((record) => ({ record, bytes: JSON.stringify(record).length })));
    this.answer(response, request, result, encodeLogsResponse, 'rejectedLogRecords');
  }

  private async read<T>(
    request: Request,
    protocol: Protocol,
    decode: (bytes: Uint8Array) => DecodedMessage,
    readRequest: (message: unknown, ids: IdEncoding) => ReadResult<T>,
  ): Promise<ReadResult<T>> {
    try {
      const encoding = this.encodingOf(request);
      const body = await readBody(request, this.limits.bodyLimitBytes);
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
      this.stats.count(protocol, 'accepted', result.items.length);
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
