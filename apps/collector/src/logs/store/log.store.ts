import { toXrayTraceId } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import type { CollectorLimits } from '../../collector.config';
import { COLLECTOR_LIMITS } from '../../collector.constants';
import { FifoQueue } from '../../common/fifo.queue';
import { StatsService } from '../../common/stats.service';
import { canonicalTraceId } from '../../store/trace-ids';
import { CloudWatchLogsErrors } from '../cloudwatch-logs.errors';
import { CLOUDWATCH_LOGS } from '../logs.constants';
import { compareEventKeys, formatEventKey } from './log-event.key';
import { LogStreamRecord } from './log-stream.record';
import { type CloudWatchLogEventView, LogGroupRecord, type LogStoreStats, type StoredLogEvent } from './log.model';
import { traceIdsOfMessage } from './trace-ids.of-message';

/** An event as PutLogEvents receives it (already validated). */
export interface IncomingLogEvent {
  timestamp: number;
  message: string;
}

/**
 * The CloudWatch log groups, streams and events the collector keeps, in
 * memory. Bounded by `maxLogEvents` and `maxLogBytes` (message bytes + 26 per
 * event, as AWS counts): when full, the events that arrived first go first,
 * counted as evicted. Groups and streams are bounded by CLOUDWATCH_LOGS.
 */
@Injectable()
export class LogStore {
  private readonly groupsByName = new Map<string, LogGroupRecord>();
  /** Events in arrival order: the next to evict is the first not removed. */
  private readonly arrivals = new FifoQueue<StoredLogEvent>();
  private live = 0;
  private nextSeq = 1;
  private bytes = 0;
  private streamCount = 0;
  private evicted = 0;

  constructor(
    @Inject(COLLECTOR_LIMITS) private readonly limits: CollectorLimits,
    private readonly stats: StatsService,
  ) {}

  createGroup(name: string, now: number): LogGroupRecord {
    if (this.groupsByName.has(name))
      throw CloudWatchLogsErrors.resourceAlreadyExists('The specified log group already exists');
    if (this.groupsByName.size >= CLOUDWATCH_LOGS.maxLogGroups) {
      throw CloudWatchLogsErrors.limitExceeded(
        `Resource limit exceeded: the collector keeps at most ${CLOUDWATCH_LOGS.maxLogGroups} log groups`,
      );
    }
    const group = new LogGroupRecord(name, now);
    this.groupsByName.set(name, group);
    return group;
  }

  group(name: string): LogGroupRecord {
    const group = this.groupsByName.get(name);
    if (!group) throw CloudWatchLogsErrors.resourceNotFound('The specified log group does not exist.');
    return group;
  }

  /** All groups, sorted by name (as DescribeLogGroups lists them). */
  groups(): LogGroupRecord[] {
    return [...this.groupsByName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  deleteGroup(name: string): void {
    const group = this.group(name);
    for (const stream of [...group.streams.values()]) this.deleteStream(group, stream.name);
    this.groupsByName.delete(name);
  }

  createStream(group: LogGroupRecord, name: string, now: number): LogStreamRecord {
    if (group.streams.has(name))
      throw CloudWatchLogsErrors.resourceAlreadyExists('The specified log stream already exists');
    if (this.streamCount >= CLOUDWATCH_LOGS.maxLogStreams) {
      throw CloudWatchLogsErrors.limitExceeded(
        `Resource limit exceeded: the collector keeps at most ${CLOUDWATCH_LOGS.maxLogStreams} log streams`,
      );
    }
    const stream = new LogStreamRecord(group, name, now);
    group.streams.set(name, stream);
    this.streamCount += 1;
    return stream;
  }

  stream(group: LogGroupRecord, name: string): LogStreamRecord {
    const stream = group.streams.get(name);
    if (!stream) throw CloudWatchLogsErrors.resourceNotFound('The specified log stream does not exist.');
    return stream;
  }

  deleteStream(group: LogGroupRecord, name: string): void {
    const stream = this.stream(group, name);
    for (const event of stream.all()) this.forget(event);
    group.streams.delete(name);
    this.streamCount -= 1;
    this.arrivals.retain((event) => !event.removed);
  }

  /** Keeps the events, then evicts the oldest arrivals until the store is within its bounds. */
  append(stream: LogStreamRecord, events: IncomingLogEvent[], ingestionTime: number): void {
    for (const { timestamp, message } of events) {
      const event: StoredLogEvent = {
        seq: this.nextSeq++,
        timestamp,
        ingestionTime,
        message,
        bytes: Buffer.byteLength(message, 'utf8') + CLOUDWATCH_LOGS.eventOverheadBytes,
        traceIds: traceIdsOfMessage(message),
        stream,
        removed: false,
      };
      stream.insert(event);
      this.arrivals.push(event);
      this.live += 1;
      this.bytes += event.bytes;
    }
    this.stats.count('cloudwatch_logs', 'accepted', events.length);
    let dropped = 0;
    while (this.live > this.limits.maxLogEvents || this.bytes > this.limits.maxLogBytes) {
      const oldest = this.arrivals.shift();
      if (!oldest) break;
      if (oldest.removed) continue;
      this.forget(oldest);
      dropped += 1;
    }
    this.evicted += dropped;
    this.stats.count('cloudwatch_logs', 'evicted', dropped);
  }

  /**
   * Events of one trace (id in either form), oldest first: those whose JSON
   * message has `trace_id` / `xray_trace_id` equal to it, and those whose text
   * contains it in either form.
   */
  findByTraceId(traceId: string): CloudWatchLogEventView[] {
    const canonical = canonicalTraceId(traceId);
    if (!canonical) return [];
    const xray = toXrayTraceId(canonical);
    const found: StoredLogEvent[] = [];
    for (const event of this.arrivals.values()) {
      if (event.removed) continue;
      if (event.traceIds.includes(canonical) || event.message.includes(canonical) || event.message.includes(xray))
        found.push(event);
    }
    return found.sort(compareEventKeys).map(toView);
  }

  storeStats(): LogStoreStats {
    return {
      events: this.live,
      bytes: this.bytes,
      maxEvents: this.limits.maxLogEvents,
      maxBytes: this.limits.maxLogBytes,
      evicted: this.evicted,
      groups: this.groupsByName.size,
      streams: this.streamCount,
    };
  }

  private forget(event: StoredLogEvent): void {
    if (event.removed) return;
    event.stream.remove(event);
    this.live -= 1;
    this.bytes -= event.bytes;
  }
}

function toView(event: StoredLogEvent): CloudWatchLogEventView {
  return {
    logGroupName: event.stream.group.name,
    logStreamName: event.stream.name,
    eventId: formatEventKey(event),
    timestamp: event.timestamp,
    ingestionTime: event.ingestionTime,
    message: event.message,
  };
}
