import { Injectable } from '@nestjs/common';

/** The ways data reaches the collector; each has its own counters in `GET /api/stats`. */
export type Protocol =
  'xray_udp' | 'xray_api' | 'xray_otlp' | 'xray_sampling' | 'otlp_traces' | 'otlp_logs' | 'cloudwatch_logs' | 'rollbar';

const PROTOCOLS: readonly Protocol[] = [
  'xray_udp',
  'xray_api',
  'xray_otlp',
  'xray_sampling',
  'otlp_traces',
  'otlp_logs',
  'cloudwatch_logs',
  'rollbar',
];

export interface ProtocolCounters {
  /** Items kept: segments, spans, log events, error items, API calls answered. */
  accepted: number;
  /** Items or requests refused as malformed or over a limit. */
  rejected: number;
  /** Items dropped later to stay within the store limits. */
  evicted: number;
}

/** Counts of arrivals, whatever became of them: what a sender can be asked about. */
export interface ArrivalCounters {
  /** UDP datagrams on the X-Ray daemon port, well-formed or not. */
  xrayDaemonDatagrams: number;
  /** SigV4-signed `POST /v1/traces` requests (X-Ray's OTLP endpoint), answered or refused. */
  xrayOtlpRequests: number;
  /** Of those, requests refused whole (signature scope, body, encoding). */
  xrayOtlpRefusedRequests: number;
}

/** Counters of what was accepted, rejected and evicted, per protocol. */
@Injectable()
export class StatsService {
  private readonly counters = new Map<Protocol, ProtocolCounters>(
    PROTOCOLS.map((protocol) => [protocol, { accepted: 0, rejected: 0, evicted: 0 }]),
  );
  private readonly arrivals: ArrivalCounters = {
    xrayDaemonDatagrams: 0,
    xrayOtlpRequests: 0,
    xrayOtlpRefusedRequests: 0,
  };
  private unreadable = 0;

  count(protocol: Protocol, what: keyof ProtocolCounters, n = 1): void {
    if (n <= 0) return;
    const counters = this.counters.get(protocol);
    if (counters) counters[what] += n;
  }

  /** One more arrival of that kind. */
  countArrival(what: keyof ArrivalCounters): void {
    this.arrivals[what] += 1;
  }

  /** A stored trace whose read threw and was left out of an answer (see SafeTraceReader). */
  countUnreadableTrace(): void {
    this.unreadable += 1;
  }

  /** Reads of stored traces that threw since start. */
  get unreadableTraces(): number {
    return this.unreadable;
  }

  /** Every protocol's counters, zero ones included (a zero is an answer too: nothing arrived). */
  snapshot(): Record<string, ProtocolCounters> {
    return Object.fromEntries([...this.counters.entries()].map(([protocol, counters]) => [protocol, { ...counters }]));
  }

  arrivalsSnapshot(): ArrivalCounters {
    return { ...this.arrivals };
  }
}
