import { Controller, HttpCode, Inject, Post, Req, UseFilters } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { COLLECTOR_CONFIG } from '../collector.constants';
import type { CollectorConfig } from '../collector.config';
import { GroupsStore } from './groups.store';
import { SegmentIngestService } from './segment.ingest.service';
import { buildServiceGraph, type ServiceJson } from './service-graph.builder';
import { type TraceSummaryPage, TraceSummaryPager } from './trace-summary.pager';
import { TraceQueryService } from './trace.query';
import { XrayErrorFilter } from './xray-error.filter';
import { invalidRequest, XrayRequestReader } from './xray-request.reader';
import { BATCH_GET_TRACES_MAX_IDS } from './xray.constants';
import { RecordIntake } from '../intake';

const round = (seconds: number): number => Math.round(seconds * 1000) / 1000;

/**
 * X-Ray's trace operations (rest-json, the paths and member names of the
 * AWS SDK's model): PutTraceSegments, BatchGetTraces, GetTraceSummaries,
 * GetTraceGraph and GetServiceGraph.
 */
@Controller()
@UseFilters(XrayErrorFilter)
@RecordIntake('xray-api')
export class XrayTracesController {
  constructor(
    @Inject(COLLECTOR_CONFIG) private readonly config: CollectorConfig,
    private readonly ingest: SegmentIngestService,
    private readonly traces: TraceQueryService,
    private readonly groups: GroupsStore,
    private readonly pager: TraceSummaryPager,
  ) {}

  private read(request: IncomingMessage): Promise<XrayRequestReader> {
    return XrayRequestReader.read(request, this.config.limits.bodyLimitBytes);
  }

  /** PutTraceSegments: the valid documents are kept, the others listed as unprocessed. */
  @Post('TraceSegments')
  @HttpCode(200)
  async putTraceSegments(
    @Req() request: IncomingMessage,
  ): Promise<{ UnprocessedTraceSegments: Array<{ Id?: string; ErrorCode: string; Message: string }> }> {
    const body = await this.read(request);
    const documents = body.list('TraceSegmentDocuments', { required: true }, (value) => value) ?? [];
    const unprocessed = [];
    for (const document of documents) {
      const result =
        typeof document === 'string'
          ? this.ingest.ingest(document, 'xray_api')
          : { ok: false as const, message: 'segment document must be a string' };
      if (!result.ok)
        unprocessed.push({
          ...(result.id ? { Id: result.id } : {}),
          ErrorCode: 'InvalidSegment',
          Message: result.message,
        });
    }
    return { UnprocessedTraceSegments: unprocessed };
  }

  @Post('Traces')
  @HttpCode(200)
  async batchGetTraces(@Req() request: IncomingMessage): Promise<{
    Traces: Array<{
      Id: string;
      Duration: number;
      LimitExceeded: boolean;
      Segments: Array<{ Id: string; Document: string }>;
    }>;
    UnprocessedTraceIds: string[];
  }> {
    const body = await this.read(request);
    const ids = this.traceIds(body);
    body.string('NextToken');
    const Traces = [];
    const UnprocessedTraceIds = [];
    for (const id of ids) {
      const view = this.traces.byId(id);
      if (!view) {
        UnprocessedTraceIds.push(id);
        continue;
      }
      const Segments = view.documents.map((document) => ({ Id: document.id, Document: JSON.stringify(document) }));
      Traces.push({ Id: view.xrayTraceId, Duration: round(view.duration), LimitExceeded: false, Segments });
    }
    return { Traces, UnprocessedTraceIds };
  }

  @Post('TraceSummaries')
  @HttpCode(200)
  async getTraceSummaries(@Req() request: IncomingMessage): Promise<TraceSummaryPage> {
    return this.pager.page(await this.read(request));
  }

  @Post('TraceGraph')
  @HttpCode(200)
  async getTraceGraph(@Req() request: IncomingMessage): Promise<{ Services: ServiceJson[] }> {
    const body = await this.read(request);
    const views = this.traceIds(body).flatMap((id) => this.traces.byId(id) ?? []);
    return { Services: buildServiceGraph(views) };
  }

  @Post('ServiceGraph')
  @HttpCode(200)
  async getServiceGraph(
    @Req() request: IncomingMessage,
  ): Promise<{ StartTime: number; EndTime: number; Services: ServiceJson[]; ContainsOldGroupVersions: boolean }> {
    const body = await this.read(request);
    const startTime = body.date('StartTime', { required: true });
    const endTime = body.date('EndTime', { required: true });
    if (endTime < startTime) throw invalidRequest('EndTime must not be before StartTime');
    const name = body.string('GroupName', { min: 1, max: 32 });
    const arn = body.string('GroupARN', { min: 1, max: 400 });
    body.string('NextToken');
    const filter = name !== undefined || arn !== undefined ? this.groups.get({ name, arn }).filter : undefined;
    return {
      StartTime: startTime,
      EndTime: endTime,
      Services: this.traces.serviceGraph({ startTime, endTime }, filter),
      ContainsOldGroupVersions: false,
    };
  }

  private traceIds(body: XrayRequestReader): string[] {
    return (
      body.list('TraceIds', { required: true, max: BATCH_GET_TRACES_MAX_IDS }, (value) => {
        if (typeof value !== 'string' || value.length < 1) throw invalidRequest('TraceIds must be non-empty strings');
        return value;
      }) ?? []
    );
  }
}
