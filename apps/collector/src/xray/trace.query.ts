import { Injectable } from '@nestjs/common';
import { SafeTraceReader } from '../store/safe-trace.reader';
import { TraceStore } from '../store/trace.store';
import { canonicalTraceId } from '../store/trace-ids';
import type { FilterNode } from './filter-expression.ast';
import { matchesFilter } from './filter-expression.evaluator';
import { buildServiceGraph, type ServiceJson } from './service-graph.builder';
import { type TraceView, traceViewOf } from './trace.view';

/** Which time of a trace a query window is compared with (GetTraceSummaries' TimeRangeType). */
export type TimeRangeType = 'TraceId' | 'Event' | 'Service';

/** A time window in epoch seconds, inclusive. */
export interface TimeWindow {
  startTime: number;
  endTime: number;
}

/**
 * The X-Ray view of the trace store: traces by id or by time window, filtered
 * by a parsed filter expression, and their service graph. This is what the
 * X-Ray API and the collector's read API query.
 */
@Injectable()
export class TraceQueryService {
  constructor(
    private readonly store: TraceStore,
    private readonly reader: SafeTraceReader,
  ) {}

  /** A trace's view by id (either form); undefined when unknown or without X-Ray segments. */
  byId(id: string): TraceView | undefined {
    const record = canonicalTraceId(id) === undefined ? undefined : this.store.get(id);
    // A trace that cannot be read is unknown to BatchGetTraces (UnprocessedTraceIds), not a 500 for the others.
    return record && this.reader.one(record, traceViewOf);
  }

  /**
   * Traces in the window, newest first. With TimeRangeType `TraceId` (X-Ray's
   * default) a trace's time is the one written in its id; otherwise a trace
   * is in the window when one of its documents overlaps it.
   */
  inWindow(window: TimeWindow, filter?: FilterNode, timeRangeType: TimeRangeType = 'Event'): TraceView[] {
    const views: TraceView[] = [];
    for (const view of this.reader.each(this.store.list(), traceViewOf)) {
      if (!view || !inside(view, window, timeRangeType)) continue;
      if (filter && !matchesFilter(filter, view)) continue;
      views.push(view);
    }
    return views.sort(
      (a, b) => b.startTime - a.startTime || (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0),
    );
  }

  /** Whether a trace matches a parsed filter expression. */
  matches(filter: FilterNode, view: TraceView): boolean {
    return matchesFilter(filter, view);
  }

  /** The service graph of the traces in a window (optionally only those matching a filter). */
  serviceGraph(window: TimeWindow, filter?: FilterNode): ServiceJson[] {
    return buildServiceGraph(this.inWindow(window, filter));
  }
}

function inside(view: TraceView, window: TimeWindow, type: TimeRangeType): boolean {
  if (type === 'TraceId') {
    const idTime = parseInt(view.traceId.slice(0, 8), 16);
    return idTime >= Math.floor(window.startTime) && idTime <= window.endTime;
  }
  return view.startTime <= window.endTime && view.endTime >= window.startTime;
}
