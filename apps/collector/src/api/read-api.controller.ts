import { toXrayTraceId } from '@app/common';
import { BadRequestException, Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { StatsService } from '../common/stats.service';
import { type CloudWatchLogEventView, LogStore } from '../logs';
import { OtlpLogStore } from '../otlp/otlp-log.store';
import type { OtlpLogRecord } from '../otlp/otlp-logs.reader';
import type { OtelSpan } from '../store/otel-span';
import { canonicalTraceId } from '../store/trace-ids';
import { TraceStore } from '../store/trace.store';
import type { XraySegmentDocument } from '../store/xray-segment';
import { ErrorStore } from '../rollbar';
import { type ServiceJson, TraceQueryService, assembleTrace } from '../xray';
import { type ServiceMapEdge, type ServiceMapNode, buildOtelServiceMap } from './otel-service-map';
import { type TraceSummary, summarize } from './trace-summary';

export interface TraceDetail extends TraceSummary {
  /** OpenTelemetry's view: spans by start time. */
  spans: OtelSpan[];
  /** X-Ray's view: segment documents, with separately sent subsegments nested back into their parents (as BatchGetTraces answers). */
  segments: XraySegmentDocument[];
}

function parseTraceId(id: string): string {
  const traceId = canonicalTraceId(id);
  if (!traceId)
    throw new BadRequestException(
      `"${id}" is not a trace id (32 hex digits, or X-Ray's 1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx)`,
    );
  return traceId;
}

function parseLimit(value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > max)
    throw new BadRequestException(`limit must be an integer from 1 to ${max}`);
  return limit;
}

/**
 * The collector's own read API, for the trace explorer and for tests: traces
 * joining both views, the service map, logs by trace id and the counters
 * (error items by trace id: `GET /api/errors`, in the Rollbar module).
 */
@Controller('api')
export class ReadApiController {
  constructor(
    private readonly traces: TraceStore,
    private readonly otlpLogs: OtlpLogStore,
    private readonly cloudwatchLogs: LogStore,
    private readonly errors: ErrorStore,
    private readonly xray: TraceQueryService,
    private readonly stats: StatsService,
  ) {}

  /** Traces, most recently updated first; `service` keeps those that touch it. */
  @Get('traces')
  listTraces(@Query('limit') limit?: string, @Query('service') service?: string): TraceSummary[] {
    const max = parseLimit(limit, 50, 1000);
    const summaries: TraceSummary[] = [];
    for (const record of this.traces.list()) {
      const summary = summarize(record);
      if (service === undefined || summary.services.includes(service)) summaries.push(summary);
      if (summaries.length >= max) break;
    }
    return summaries;
  }

  @Get('traces/:id')
  getTrace(@Param('id') id: string): TraceDetail {
    const record = this.traces.get(parseTraceId(id));
    if (!record) throw new NotFoundException(`no trace ${id}`);
    const spans = [...record.spans.values()].sort((a, b) =>
      BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1,
    );
    const segments = assembleTrace(record).sort((a, b) => a.start_time - b.start_time);
    return { ...summarize(record), spans, segments };
  }

  /**
   * The service map over the traces held, as each view shows it: OpenTelemetry's
   * (services and the calls between them) and X-Ray's (GetServiceGraph's shape).
   */
  @Get('service-map')
  serviceMap(): { otel: { nodes: ServiceMapNode[]; edges: ServiceMapEdge[] }; xray: ServiceJson[] } {
    return {
      otel: buildOtelServiceMap(this.traces.list().flatMap((record) => [...record.spans.values()])),
      xray: this.xray.serviceGraph({ startTime: 0, endTime: Date.now() / 1000 + 3600 }),
    };
  }

  /** Log events of a trace. */
  @Get('logs')
  logs(@Query('trace_id') id?: string): {
    traceId: string;
    xrayTraceId: string;
    cloudwatch: CloudWatchLogEventView[];
    otlp: OtlpLogRecord[];
  } {
    if (!id) throw new BadRequestException('trace_id is required');
    const traceId = parseTraceId(id);
    return {
      traceId,
      xrayTraceId: toXrayTraceId(traceId),
      cloudwatch: this.cloudwatchLogs.findByTraceId(traceId),
      otlp: this.otlpLogs.findByTraceId(traceId),
    };
  }

  @Get('stats')
  statsSnapshot(): object {
    const memory = process.memoryUsage();
    return {
      protocols: this.stats.snapshot(),
      stores: {
        traces: this.traces.storeStats(),
        cloudwatchLogs: this.cloudwatchLogs.storeStats(),
        otlpLogs: this.otlpLogs.storeStats(),
        errors: this.errors.storeStats(),
      },
      memory: { rss: memory.rss, heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, external: memory.external },
    };
  }
}
