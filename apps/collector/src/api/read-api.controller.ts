import { toXrayTraceId } from '@app/common';
import type { ServerResponse } from 'node:http';
import { BadRequestException, Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { StatsService } from '../common/stats.service';
import { type CloudWatchLogEventView, LogStore } from '../logs';
import { OtlpLogStore } from '../otlp/otlp-log.store';
import type { OtlpLogRecord } from '../otlp/otlp-logs.reader';
import type { OtelSpan } from '../store/otel-span';
import { SafeTraceReader } from '../store/safe-trace.reader';
import { type TraceRecord, TraceStore } from '../store/trace.store';
import { ErrorStore } from '../rollbar';
import { IntakeLog } from '../intake';
import { type ServiceJson, TraceQueryService, assembleTrace } from '../xray';
import { type ServiceMapEdge, type ServiceMapNode, buildOtelServiceMap } from './otel-service-map';
import { type TraceFacts, factsOf } from './trace-facts';
import { parseTraceIdParam, traceIdFromAnyForm } from './trace-id.parser';
import { compareTraces } from './trace-compare';
import { toBatchGetTraces, toOtlpJson } from './trace-export';
import { type TraceSearchParams, parseTraceSearch } from './trace-search.query';
import type {
  CompareResponse,
  ErrorGroup,
  LogLine,
  ServiceMapResponse,
  TraceDetailResponse,
} from './explorer.contract';
import { groupErrors } from './error-groups';
import { type LogSearchParams, searchLogs } from './log-search';
import { LiveTracesService } from './live-traces.service';
import { buildServiceMap, parseMapWindow } from './service-map.builder';
import { analyzeTrace } from './trace-analysis';

/** `GET /api/traces/:id`'s answer (see the contract). */
export type TraceDetail = TraceDetailResponse;

function parseTraceId(id: string): string {
  const traceId = traceIdFromAnyForm(id);
  if (!traceId)
    throw new BadRequestException(
      `"${id.slice(0, 200)}" is not a trace id (32 hex digits, X-Ray's 1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx, ` +
        'a traceparent or an X-Amzn-Trace-Id value)',
    );
  return traceId;
}

const sortedSpans = (record: TraceRecord): OtelSpan[] =>
  [...record.spans.values()].sort((a, b) => (BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1));

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
    private readonly live: LiveTracesService,
    private readonly reader: SafeTraceReader,
    private readonly intake: IntakeLog,
  ) {}

  /** Traces matching the filters (see parseTraceSearch), newest first by start time. */
  @Get('traces')
  listTraces(@Query() params: TraceSearchParams): TraceFacts['item'][] {
    const search = parseTraceSearch(params);
    const items: TraceFacts['item'][] = [];
    for (const facts of this.reader.each(this.traces.list(), factsOf))
      if (search.matches(facts)) items.push(facts.item);
    return items.sort((a, b) => b.startTime - a.startTime).slice(0, search.limit);
  }

  @Get('traces/:id')
  getTrace(@Param('id') id: string): TraceDetail {
    const record = this.traces.get(parseTraceId(id));
    if (!record) throw new NotFoundException(`no trace ${id}`);
    const spans = sortedSpans(record);
    const segments = assembleTrace(record).sort((a, b) => a.start_time - b.start_time);
    return { ...factsOf(record).item, spans, segments, ...analyzeTrace(record.traceId, spans, segments) };
  }

  /** The trace's spans as an OTLP/JSON ExportTraceServiceRequest, as a download (`POST /v1/traces` takes it back). */
  @Get('traces/:id/otlp')
  exportOtlp(@Param('id') id: string, @Res({ passthrough: true }) response: ServerResponse): object {
    const record = this.traces.get(parseTraceId(id));
    if (!record) throw new NotFoundException(`no trace ${id}`);
    response.setHeader('content-disposition', `attachment; filename="trace-${record.traceId}.otlp.json"`);
    return toOtlpJson(sortedSpans(record));
  }

  /** The trace's X-Ray documents in BatchGetTraces' shape, as a download. */
  @Get('traces/:id/xray')
  exportXray(@Param('id') id: string, @Res({ passthrough: true }) response: ServerResponse): object {
    const record = this.traces.get(parseTraceId(id));
    if (!record) throw new NotFoundException(`no trace ${id}`);
    response.setHeader('content-disposition', `attachment; filename="trace-${record.traceId}.xray.json"`);
    const documents = assembleTrace(record).sort((a, b) => a.start_time - b.start_time);
    return toBatchGetTraces(record.traceId, documents);
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

  /** The service map of a window ending now (see buildServiceMap); `window` is 5m, 15m (default), 1h or all. */
  @Get('map')
  map(@Query('window') window?: string): ServiceMapResponse {
    return buildServiceMap(this.reader.each(this.traces.list(), factsOf), parseMapWindow(window), Date.now());
  }

  /** Two traces compared span by span (see compareTraces); 400 for a missing or bad id, 404 for an unknown trace. */
  @Get('compare')
  compare(@Query('a') a?: string, @Query('b') b?: string): CompareResponse {
    // Both ids are checked (400) before either is looked up (404).
    const ids = (
      [
        ['a', a],
        ['b', b],
      ] as const
    ).map(([name, value]) => {
      if (typeof value !== 'string' || value === '') throw new BadRequestException(`${name} (a trace id) is required`);
      return [name, value, parseTraceIdParam(value, name)] as const;
    });
    const records = ids.map(([name, value, traceId]) => {
      const record = this.traces.get(traceId);
      if (!record) throw new NotFoundException(`${name}: no trace ${value}`);
      return record;
    });
    return compareTraces(records[0], records[1]);
  }

  /** Rollbar items grouped by fingerprint (see groupErrors), most recently seen first; `limit` groups (default 50). */
  @Get('errors/groups')
  errorGroups(@Query('limit') limit?: string): ErrorGroup[] {
    if (limit !== undefined && typeof limit !== 'string') throw new BadRequestException('limit must be given once');
    const max = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > 1000)
      throw new BadRequestException('limit must be an integer from 1 to 1000');
    return groupErrors(this.errors.list(Number.MAX_SAFE_INTEGER), max);
  }

  /** CloudWatch Logs events matching a filter pattern, newest first (see searchLogs). */
  @Get('logs/search')
  searchLogs(@Query() params: LogSearchParams): LogLine[] {
    return searchLogs(this.cloudwatchLogs, params);
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
      arrivals: this.stats.arrivalsSnapshot(),
      unreadableTraces: this.stats.unreadableTraces,
      intake: this.intake.stats(),
      stores: {
        traces: this.traces.storeStats(),
        cloudwatchLogs: this.cloudwatchLogs.storeStats(),
        otlpLogs: this.otlpLogs.storeStats(),
        errors: this.errors.storeStats(),
      },
      live: this.live.stats(),
      memory: { rss: memory.rss, heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, external: memory.external },
    };
  }
}
