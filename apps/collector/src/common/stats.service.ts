import { Injectable } from '@nestjs/common';

/** The ways data reaches the collector; each has its own counters in `GET /api/stats`. */
export type Protocol =
  'xray_udp' | 'xray_api' | 'xray_sampling' | 'otlp_traces' | 'otlp_logs' | 'cloudwatch_logs' | 'rollbar';

export interface ProtocolCounters {
  /** Items kept: segments, spans, log events, error items, API calls answered. */
  accepted: number;
  /** Items or requests refused as malformed or over a limit. */
  rejected: number;
  /** Items dropped later to stay within the store limits. */
  evicted: number;
}

/** Counters of what was accepted, rejected and evicted, per protocol. */
@Injectable()
export class StatsService {
  private readonly counters = new Map<Protocol, ProtocolCounters>();
  private unreadable = 0;

  count(protocol: Protocol, what: keyof ProtocolCounters, n = 1): void {
    if (n <= 0) return;
    let counters = this.counters.get(protocol);
    if (!counters) {
      counters = { accepted: 0, rejected: 0, evicted: 0 };
      this.counters.set(protocol, counters);
    }
    counters[what] += n;
  }

  /** A stored trace whose read threw and was left out of an answer (see SafeTraceReader). */
  countUnreadableTrace(): void {
    this.unreadable += 1;
  }

  /** Reads of stored traces that threw since start. */
  get unreadableTraces(): number {
    return this.unreadable;
  }

  snapshot(): Record<string, ProtocolCounters> {
    return Object.fromEntries([...this.counters.entries()].map(([protocol, counters]) => [protocol, { ...counters }]));
  }
}
