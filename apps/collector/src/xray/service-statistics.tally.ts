import type { XraySegmentDocument } from '../store/xray-segment';
import { endOf } from './trace.view';

/** Request counts and total time, as ServiceStatistics and EdgeStatistics. */
export interface StatisticsJson {
  OkCount: number;
  ErrorStatistics: { ThrottleCount: number; OtherCount: number; TotalCount: number };
  FaultStatistics: { OtherCount: number; TotalCount: number };
  TotalCount: number;
  TotalResponseTime: number;
}

export interface HistogramEntryJson {
  Value: number;
  Count: number;
}

/** Times and outcomes of the requests a node of the service graph served or an edge carried. */
export class Tally {
  start = Infinity;
  end = -Infinity;
  readonly stats: StatisticsJson = {
    OkCount: 0,
    ErrorStatistics: { ThrottleCount: 0, OtherCount: 0, TotalCount: 0 },
    FaultStatistics: { OtherCount: 0, TotalCount: 0 },
    TotalCount: 0,
    TotalResponseTime: 0,
  };
  private readonly histogram = new Map<number, number>();

  add(item: XraySegmentDocument): void {
    const seconds = endOf(item) - item.start_time;
    this.start = Math.min(this.start, item.start_time);
    this.end = Math.max(this.end, endOf(item));
    const { stats } = this;
    stats.TotalCount += 1;
    stats.TotalResponseTime = Math.round((stats.TotalResponseTime + seconds) * 1e6) / 1e6;
    if (item.fault === true) {
      stats.FaultStatistics.TotalCount += 1;
      stats.FaultStatistics.OtherCount += 1;
    } else if (item.error === true || item.throttle === true) {
      stats.ErrorStatistics.TotalCount += 1;
      if (item.throttle === true) stats.ErrorStatistics.ThrottleCount += 1;
      else stats.ErrorStatistics.OtherCount += 1;
    } else {
      stats.OkCount += 1;
    }
    // Millisecond bins: enough resolution for a local tool, few entries.
    const bin = Math.round(seconds * 1000) / 1000;
    this.histogram.set(bin, (this.histogram.get(bin) ?? 0) + 1);
  }

  histogramJson(): HistogramEntryJson[] {
    return [...this.histogram].sort(([a], [b]) => a - b).map(([Value, Count]) => ({ Value, Count }));
  }
}
