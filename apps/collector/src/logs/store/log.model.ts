import type { LogStreamRecord } from './log-stream.record';

/** One kept log event. */
export interface StoredLogEvent {
  /** Arrival order over the whole store; breaks timestamp ties and orders eviction. */
  seq: number;
  timestamp: number;
  ingestionTime: number;
  message: string;
  /** UTF-8 bytes of the message plus AWS's 26 bytes of overhead. */
  bytes: number;
  /** Canonical trace ids from the message's `trace_id` / `xray_trace_id` JSON fields. */
  traceIds: string[];
  stream: LogStreamRecord;
  /** Set when the event leaves the store (its stream skips it until it compacts). */
  removed: boolean;
}

/** A CloudWatch log event as the collector's read API shows it. */
export interface CloudWatchLogEventView {
  logGroupName: string;
  logStreamName: string;
  eventId: string;
  timestamp: number;
  ingestionTime: number;
  message: string;
}

/** Size and bounds of the log store. */
export interface LogStoreStats {
  events: number;
  /** Message bytes plus 26 per event, as AWS counts them. */
  bytes: number;
  maxEvents: number;
  maxBytes: number;
  /** Events dropped so far to stay within the bounds. */
  evicted: number;
  groups: number;
  streams: number;
}

/** A log group and its streams. */
export class LogGroupRecord {
  readonly streams = new Map<string, LogStreamRecord>();
  retentionInDays?: number;

  constructor(
    readonly name: string,
    readonly creationTime: number,
  ) {}

  /** Bytes of the group's kept events. */
  get storedBytes(): number {
    let total = 0;
    for (const stream of this.streams.values()) total += stream.storedBytes;
    return total;
  }
}
