import { FifoQueue } from '../common/fifo.queue';
import type { ShownHeaderValue } from './header.redactor';

/** The receivers whose requests the intake record keeps. */
export type IntakeReceiver = 'otlp-traces' | 'otlp-logs' | 'xray-otlp' | 'xray-api' | 'cloudwatch-logs' | 'rollbar';

/** One telemetry request as it arrived, secrets redacted. */
export interface IntakeEntry {
  /** When it arrived, ISO 8601. */
  time: string;
  method: string;
  /** The path, without the query string (where a Rollbar `access_token` could be). */
  path: string;
  receiver: IntakeReceiver;
  /** The status answered; 0 when the client went away first. */
  status: number;
  contentType?: string;
  contentEncoding?: string;
  /** Body bytes as they came over the wire (compressed, when they were), else the declared Content-Length. */
  bytes?: number;
  headers: Record<string, ShownHeaderValue>;
}

/** How many requests the record keeps. */
export const INTAKE_LIMIT = 200;

/**
 * The last INTAKE_LIMIT telemetry requests, so that one can see which headers a sender really
 * sent. When full, the oldest entry goes; the entries dropped so are counted.
 */
export class IntakeLog {
  private readonly entries = new FifoQueue<IntakeEntry>();
  private recorded = 0;
  private dropped = 0;

  constructor(private readonly limit = INTAKE_LIMIT) {}

  record(entry: IntakeEntry): void {
    this.entries.push(entry);
    this.recorded += 1;
    while (this.entries.size > this.limit) {
      this.entries.shift();
      this.dropped += 1;
    }
  }

  /** The entries held, newest first; only those for `path` when given. */
  list(path?: string): IntakeEntry[] {
    const all = [...this.entries.values()].reverse();
    return path === undefined ? all : all.filter((entry) => entry.path === path);
  }

  stats(): { held: number; limit: number; recorded: number; dropped: number } {
    return { held: this.entries.size, limit: this.limit, recorded: this.recorded, dropped: this.dropped };
  }
}
