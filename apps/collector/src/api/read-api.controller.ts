import { BadRequestException, Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { StatsService } from '../common/stats.service';
import { OtlpLogStore } from '../otlp/otlp-log.store';
import type { OtlpLogRecord } from '../otlp/otlp-logs.reader';
import type { OtelSpan } from '../store/otel-span';
import { canonicalTraceId, toXrayTraceId } from '../store/trace-ids';
import { TraceStore } from '../store/trace.store';
import type { XraySegmentDocument } from '../store/xray-segment';
import { type ServiceMapEdge, type ServiceMapNode, buildOtelServiceMap } from './otel-service-map';
import { type TraceSummary, summarize } from './trace-summary';

export interface TraceDetail extends TraceSummary {
  /** OpenTelemetry's view: spans by start time. */
  spans: OtelSpan[];
  /** X-Ray's view: the stored segment documents. */
  segments: XraySegmentDocument[];
}

function parseTraceId(id: string): string {
  const traceId = canonicalTraceId(id);
  if (!traceId) throw new BadRequestException(`"${id}" is not a trace id (32 hex digits, or X-Ray's 1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx)`);
  return traceId;
}

function parseLimit(value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new BadRequestException(`limit must be an integer from 1 to ${max}`);
  return limit;
}

/**
 * The collector's own read API, for the trace explorer and for tests: traces
 * joining both views, the service map, logs by trace id and the counters.
 */
@Controller('api')
export class ReadApiController {
  constructor(
    private readonly traces: TraceStore,
    private readonly otlpLogs: OtlpLogStore,
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
    const spans = [...record.spans.values()].sort((a, b) => (BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1));
    const segments = [...record.segments.values()].sort((a, b) => a.start_time - b.start_time);
    return { ...summarize(record), spans, segments };
  }

  /** The service map from OpenTelemetry spans, over the traces held. */
  @Get('service-map')
  serviceMap(): { nodes: ServiceMapNode[]; edges: ServiceMapEdge[] } {
    return buildOtelServiceMap(this.traces.list().flatMap((record) => [...record.spans.values()]));
  }

  /** Log events of a trace. */
  @Get('logs')
  logs(@Query('trace_id') id?: string): { traceId: string; xrayTraceId: string; otlp: OtlpLogRecord[] } {
    if (!id) throw new BadRequestException('trace_id is required');
    const traceId = parseTraceId(id);
    return { traceId, xrayTraceId: toXrayTraceId(traceId), otlp: this.otlpLogs.findByTraceId(traceId) };
  }

  @Get('stats')
  statsSnapshot(): object {
    const memory = process.memoryUsage();
    return {
      protocols: this.stats.snapshot(),
      stores: { traces: this.traces.storeStats(), otlpLogs: this.otlpLogs.storeStats() },
      memory: { rss: memory.rss, heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, external: memory.external },
    };
  }
}
