import { parseJson } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { FilterNode } from './filter-expression.ast';
import { parseFilterExpression } from './filter-expression.grammar';
import { buildTraceSummary, type TraceSummaryJson } from './trace-summary.builder';
import { type TimeRangeType, TraceQueryService } from './trace.query';
import type { TraceView } from './trace.view';
import { invalidRequest, type XrayRequestReader } from './xray-request.reader';
import { TRACE_SUMMARIES_PAGE_SIZE } from './xray.constants';

/** GetTraceSummaries' answer (times in epoch seconds). */
export interface TraceSummaryPage {
  TraceSummaries: TraceSummaryJson[];
  ApproximateTime: number;
  TracesProcessedCount: number;
  NextToken?: string;
}

/** Where the previous page stopped: the last trace given, in the listing's order (newest first, then id). */
interface PageToken {
  startTime: number;
  traceId: string;
}

const TIME_RANGE_TYPES: TimeRangeType[] = ['TraceId', 'Event', 'Service'];

function encodeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(text: string): PageToken {
  try {
    const token = parseJson(Buffer.from(text, 'base64url').toString('utf8')) as Partial<PageToken>;
    if (typeof token.startTime === 'number' && typeof token.traceId === 'string')
      return { startTime: token.startTime, traceId: token.traceId };
  } catch {
    // Falls through to the error below.
  }
  throw invalidRequest('NextToken is not a token this service returned');
}

const after = (view: TraceView, token: PageToken): boolean =>
  view.startTime < token.startTime || (view.startTime === token.startTime && view.traceId > token.traceId);

/** Keeps a deterministic fraction of traces: the same trace is always kept or always left out at a given rate. */
const sampled = (view: TraceView, rate: number): boolean => parseInt(view.traceId.slice(-8), 16) / 0x1_0000_0000 < rate;

/**
 * GetTraceSummaries: the traces of a time window that match a filter
 * expression, newest first, 100 to a page. A NextToken names the last trace
 * of its page, so pages neither repeat nor skip traces when new ones arrive.
 */
@Injectable()
export class TraceSummaryPager {
  constructor(private readonly traces: TraceQueryService) {}

  page(body: XrayRequestReader): TraceSummaryPage {
    const startTime = body.date('StartTime', { required: true });
    const endTime = body.date('EndTime', { required: true });
    if (endTime < startTime) throw invalidRequest('EndTime must not be before StartTime');
    const timeRangeType = (body.string('TimeRangeType') ?? 'TraceId') as TimeRangeType;
    if (!TIME_RANGE_TYPES.includes(timeRangeType)) {
      throw invalidRequest(`TimeRangeType must be one of ${TIME_RANGE_TYPES.join(', ')}, not ${timeRangeType}`);
    }
    const expression = body.string('FilterExpression');
    const filter: FilterNode | undefined =
      expression === undefined || expression.trim() === '' ? undefined : parseFilterExpression(expression);
    const rate = this.samplingRate(body);
    const nextToken = body.string('NextToken');
    const token = nextToken === undefined || nextToken === '' ? undefined : decodeToken(nextToken);

    const inWindow = this.traces.inWindow({ startTime, endTime }, undefined, timeRangeType);
    const matching = inWindow.filter((view) => (!filter || this.traces.matches(filter, view)) && sampled(view, rate));
    const remaining = token ? matching.filter((view) => after(view, token)) : matching;
    const page = remaining.slice(0, TRACE_SUMMARIES_PAGE_SIZE);
    const last = page.at(-1);
    return {
      TraceSummaries: page.map(buildTraceSummary),
      ApproximateTime: Math.floor(Date.now() / 1000),
      TracesProcessedCount: inWindow.length,
      ...(remaining.length > page.length && last
        ? { NextToken: encodeToken({ startTime: last.startTime, traceId: last.traceId }) }
        : {}),
    };
  }

  /**
   * Sampling: true keeps the fraction SamplingStrategy.Value of the traces
   * (both of X-Ray's strategies are read as a fraction). Without a value all
   * traces are kept: the local store is always scanned whole, so there is
   * no cost to save.
   */
  private samplingRate(body: XrayRequestReader): number {
    const sampling = body.boolean('Sampling');
    const strategy = body.structure('SamplingStrategy');
    const name = strategy?.string('Name');
    if (name !== undefined && name !== 'PartialScan' && name !== 'FixedRate') {
      throw invalidRequest(`SamplingStrategy.Name must be PartialScan or FixedRate, not ${name}`);
    }
    const value = strategy?.number('Value', { min: 0, max: 1 });
    return sampling === true && value !== undefined ? value : 1;
  }
}
