import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { toXrayTraceId } from '@app/common';
import { type HttpDependencyClient, publicMessageOf } from '@app/platform';
import { COLLECTOR_CLIENT, TRACE_LOOKUP_CONFIG } from '../gateway.constants';
import type { TraceLookupConfig } from './trace-lookup.config';
import { type TraceSummary, summarizeTrace } from './trace-summary';

/** What `GET /api/traces/:traceId` answers. */
export interface TraceLookupAnswer {
  traceId: string;
  xrayTraceId: string;
  /** Where the trace can be seen: the collector's explorer and read API, or AWS's X-Ray console. */
  links: { explorer?: string; api?: string; xrayConsole?: string };
  /** The aws CLI command that reads the X-Ray view of it. */
  awsCli: string;
  /** The trace as the collector holds it; null when the collector is not the destination or has not got it. */
  summary: TraceSummary | null;
  /** Why there is no summary. */
  note?: string;
}

/**
 * Tells an API client where its trace is, from the id its `traceresponse`
 * header named, and what the collector saw of it when the collector is
 * where the spans go.
 */
@Injectable()
export class TraceLookupService {
  constructor(
    @Inject(TRACE_LOOKUP_CONFIG) private readonly config: TraceLookupConfig,
    @Inject(COLLECTOR_CLIENT) private readonly collector: HttpDependencyClient,
  ) {}

  async lookUp(traceId: string): Promise<TraceLookupAnswer> {
    const xrayTraceId = toXrayTraceId(traceId);
    const { explorerUrl, collectorIsDestination, region } = this.config;
    if (!collectorIsDestination) {
      return {
        traceId,
        xrayTraceId,
        links: {
          xrayConsole: `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#xray:traces/${xrayTraceId}`,
        },
        awsCli: `aws xray batch-get-traces --region ${region} --trace-ids ${xrayTraceId}`,
        summary: null,
        note: 'the spans go to OTEL_EXPORTER_OTLP_ENDPOINT, not to the suite’s collector: look there, or in X-Ray',
      };
    }
    const answer = {
      traceId,
      xrayTraceId,
      links: { explorer: `${explorerUrl}/#/trace/${traceId}`, api: `${explorerUrl}/api/traces/${traceId}` },
      awsCli: `aws --endpoint-url ${explorerUrl} xray batch-get-traces --trace-ids ${xrayTraceId}`,
    };
    try {
      return { ...answer, summary: summarizeTrace(await this.collector.get(`/api/traces/${traceId}`)) };
    } catch (error) {
      const notFound = error instanceof HttpException && error.getStatus() === HttpStatus.NOT_FOUND;
      return {
        ...answer,
        summary: null,
        note: notFound
          ? 'the collector has no such trace (yet: spans reach it within a second or so of the response)'
          : `the collector could not be asked: ${publicMessageOf(error)}`,
      };
    }
  }
}
