import type { transport as TransportStream } from 'winston';
import WinstonCloudWatch from 'winston-cloudwatch';
import { eventSizeFormat } from './event-size.format';
import type { CloudWatchStats, CloudWatchTransportOptions } from './cloudwatch.options';
import { guardPutLogEvents, type PutLogEventsApi } from './put-log-events.guard';
import { withoutTracing } from '../telemetry-call';

/** winston-cloudwatch's state and methods its typings leave out. */
interface TransportInternals {
  logEvents: unknown[];
  intervalId: NodeJS.Timeout | null;
  flushTimeout?: number;
  cloudwatchlogs: PutLogEventsApi;
  add(log: object): void;
  submit(callback: (error?: Error | null) => void): void;
}

const base = WinstonCloudWatch.prototype as unknown as TransportInternals;

function sortByTimestamp(this: Array<{ timestamp: number }>): Array<{ timestamp: number }> {
  return Array.prototype.sort.call(this, (a, b) => a.timestamp - b.timestamp) as Array<{ timestamp: number }>;
}

/**
 * winston-cloudwatch with what it lacks for a service: a bounded queue that
 * keeps events while CloudWatch cannot be reached (a failed upload goes back
 * to the front of the queue, in order; past `maxQueuedEvents` the OLDEST
 * events are dropped and counted: a collector that is down must not grow
 * memory without end, and the latest lines say most about what is going on),
 * AWS's 10,000-events-per-batch limit, events kept under its own truncation
 * size, failures counted and reported instead of printed per attempt, a timer
 * that does not keep the process alive, and a flush that can be called more
 * than once. Only a batch CloudWatch refuses as invalid is given up (counted
 * as `refused`).
 */
class CloudWatchTransport extends WinstonCloudWatch {
  private readonly counts = { dropped: 0, refused: 0, sent: 0, failedBatches: 0 };
  private readonly maxQueuedEvents: number;
  private readonly warn: CloudWatchTransportOptions['warn'];
  /** Whether the last upload failed: the next success says so. */
  private failing = false;
  private readonly uploads: { inFlight(): number };

  constructor(options: CloudWatchTransportOptions) {
    const { endpoint, region, credentials } = options;
    super({
      name: 'CloudWatch',
      level: 'silly', // the logger's level decides; this transport ships whatever it is given
      logGroupName: options.logGroupName,
      logStreamName: options.logStreamName,
      jsonMessage: true,
      awsOptions: {
        region,
        ...(endpoint ? { endpoint } : {}),
        ...(credentials ? { credentials } : {}),
        // The SDK waits forever by default: one call a destination never answers would hold every
        // later upload (winston-cloudwatch sends one at a time). Timed out, its events go back to the queue.
        requestHandler: {
          connectionTimeout: 3000,
          requestTimeout: options.requestTimeoutMs ?? 10_000,
          throwOnRequestTimeout: true,
        },
      },
      uploadRate: options.uploadIntervalMs,
      // Failures are counted and reported by submit() below, once a minute, not printed per attempt.
      errorHandler: () => undefined,
      format: eventSizeFormat(),
    } as ConstructorParameters<typeof WinstonCloudWatch>[0]);
    this.maxQueuedEvents = options.maxQueuedEvents;
    this.warn = options.warn;
    this.uploads = guardPutLogEvents(this.internals.cloudwatchlogs, {
      sent: (events) => (this.counts.sent += events),
      undelivered: (events) => {
        this.internals.logEvents.unshift(...events);
        this.dropOldest(this.internals.logEvents.length - this.maxQueuedEvents);
      },
      refused: (events, error) => {
        this.counts.refused += events;
        this.warn(
          'refused',
          `CloudWatch Logs refused a batch of ${events} log events as invalid; they are dropped ` +
            `(${this.counts.refused} refused so far): ${error.message || error.name}`,
        );
      },
    });
    // The transport sorts its queue with `(a, b) => a.timestamp > b.timestamp ? 1 : -1`, which never
    // says "equal": V8 then takes events of the same millisecond for a descending run and reverses
    // them. A consistent comparator keeps them in the order they were logged (the sort is stable).
    Object.defineProperty(this.internals.logEvents, 'sort', { value: sortByTimestamp });
  }

  private get internals(): TransportInternals {
    return this as unknown as TransportInternals;
  }

  /** Current counters. */
  stats(): CloudWatchStats {
    return { queued: this.internals.logEvents.length + this.uploads.inFlight(), ...this.counts };
  }

  override log(info: object, next: () => void): void {
    // Room for this one: the queue holds events in the order they were logged, the oldest first.
    this.dropOldest(this.internals.logEvents.length - this.maxQueuedEvents + 1);
    super.log?.(info, next);
    this.unrefTimer();
  }

  private dropOldest(excess: number): void {
    if (excess <= 0) return;
    this.internals.logEvents.splice(0, excess);
    this.counts.dropped += excess;
    this.warn(
      'queue-full',
      `CloudWatch Logs queue full (${this.maxQueuedEvents} events): the oldest log events are dropped to make room ` +
        `(${this.counts.dropped} dropped so far)`,
    );
  }

  // Logging must not keep a finished process alive; flush() at shutdown delivers what is queued.
  private unrefTimer(): void {
    this.internals.intervalId?.unref?.();
  }

  /** winston-cloudwatch's upload step (called by its timer and by kthxbye), with failures counted and reported. */
  submit(callback: (error?: Error | null) => void): void {
    const sentBefore = this.counts.sent;
    // Every AWS call of an upload (DescribeLogStreams, CreateLogStream, PutLogEvents) starts in this
    // chain, whose timer was set inside whatever request logged first: outside any trace, so that no
    // instrumentation (aws-sdk, http, net, dns) makes a span of them under that request.
    withoutTracing(() =>
      base.submit.call(this, (error) => {
        if (error) {
          this.failing = true;
          this.counts.failedBatches += 1;
          this.warn(
            'unreachable',
            `CloudWatch Logs: could not ship log events, kept for the next upload ` +
              `(${this.stats().queued} queued, ${this.counts.dropped} dropped so far, oldest first): ` +
              `${error.message || error.name}`,
          );
        } else if (this.failing && this.counts.sent > sentBefore) {
          this.failing = false;
          this.warn(
            'recovered',
            `CloudWatch Logs: shipping again (${this.stats().queued} queued, ` +
              `${this.counts.dropped} dropped so far while the queue was full)`,
          );
        }
        callback(error);
      }),
    );
  }

  /**
   * Uploads everything queued (winston-cloudwatch's kthxbye), within
   * `timeoutMs`. Never rejects: a failure is reported by submit().
   */
  flush(timeoutMs: number): Promise<void> {
    // kthxbye keeps the deadline of its first call forever; each flush gets its own.
    this.internals.flushTimeout = Date.now() + timeoutMs;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs + 100);
      timer.unref();
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.kthxbye(() => done());
    }).finally(() => {
      // kthxbye stopped the upload timer; restart it if events are left (adding an empty event only starts the timer).
      if (this.internals.logEvents.length > 0 && !this.internals.intervalId) {
        base.add.call(this, { message: '' });
        this.unrefTimer();
      }
    });
  }
}

/** The CloudWatch transport of a logger, with its counters and flush. */
export interface CloudWatchShipping {
  transport: TransportStream;
  stats(): CloudWatchStats;
  /** Uploads everything queued within `timeoutMs`; never rejects (failures are reported). */
  flush(timeoutMs: number): Promise<void>;
}

/**
 * A bounded winston-cloudwatch transport (the class stays private: as a
 * stream it inherits Node's `any`-typed stream methods).
 */
export function createCloudWatchShipping(options: CloudWatchTransportOptions): CloudWatchShipping {
  const transport = new CloudWatchTransport(options);
  return { transport, stats: () => transport.stats(), flush: (timeoutMs) => transport.flush(timeoutMs) };
}
