import { CloudWatchLogsErrors } from '../cloudwatch-logs.errors';
import { CLOUDWATCH_LOGS } from '../logs.constants';
import type { IncomingLogEvent } from '../store/log.store';

const DAY_MS = 24 * 60 * 60 * 1000;

/** AWS's report of the events of a batch it did not keep (end indexes exclusive, start inclusive). */
export interface RejectedLogEventsInfo {
  tooNewLogEventStartIndex?: number;
  tooOldLogEventEndIndex?: number;
  expiredLogEventEndIndex?: number;
}

export interface CheckedBatch {
  kept: IncomingLogEvent[];
  rejected?: RejectedLogEventsInfo;
  /** How many events `rejected` covers. */
  rejectedCount: number;
}

/** The `logEvents` member: each `{timestamp, message}` with a non-empty message. */
export function readLogEvents(items: unknown[]): IncomingLogEvent[] {
  return items.map((item, index) => {
    const member = `logEvents.${index + 1}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw CloudWatchLogsErrors.serialization(`'${member}' must be an object with timestamp and message`);
    }
    const { timestamp, message } = item as Record<string, unknown>;
    if (timestamp === undefined || timestamp === null) throw CloudWatchLogsErrors.missing(`${member}.member.timestamp`);
    if (message === undefined || message === null) throw CloudWatchLogsErrors.missing(`${member}.member.message`);
    if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp)) {
      throw CloudWatchLogsErrors.serialization(
        `'${member}.timestamp' must be an integer (epoch milliseconds), got ${JSON.stringify(timestamp)}`,
      );
    }
    if (typeof message !== 'string')
      throw CloudWatchLogsErrors.serialization(`'${member}.message' must be a string, got ${typeof message}`);
    if (timestamp < 0)
      throw CloudWatchLogsErrors.constraint(
        `${member}.member.timestamp`,
        timestamp,
        'Member must have value greater than or equal to 0',
      );
    if (message.length === 0)
      throw CloudWatchLogsErrors.constraint(
        `${member}.member.message`,
        '',
        'Member must have length greater than or equal to 1',
      );
    return { timestamp, message };
  });
}

/**
 * Applies PutLogEvents' rules to a batch, as AWS does: the whole batch fails
 * when it is too large, has too many events, an event is too large, or it is
 * not in chronological order; events too old (14 days), older than the
 * group's retention, or too new (2 hours ahead) are reported and left out,
 * the rest kept; the kept events may not span more than 24 hours.
 */
export function checkLogBatch(events: IncomingLogEvent[], now: number, retentionInDays?: number): CheckedBatch {
  const limits = CLOUDWATCH_LOGS;
  if (events.length > limits.maxBatchEvents) {
    throw CloudWatchLogsErrors.invalidParameter(
      `The batch has ${events.length} log events; at most ${limits.maxBatchEvents} are allowed.`,
    );
  }
  let batchBytes = 0;
  events.forEach((event, index) => {
    const bytes = Buffer.byteLength(event.message, 'utf8') + limits.eventOverheadBytes;
    if (bytes > limits.maxEventBytes) {
      throw CloudWatchLogsErrors.invalidParameter(
        `Log event ${index} is too large: ${bytes} bytes (message in UTF-8 + ${limits.eventOverheadBytes}); at most ${limits.maxEventBytes} are allowed.`,
      );
    }
    batchBytes += bytes;
  });
  if (batchBytes > limits.maxBatchBytes) {
    throw CloudWatchLogsErrors.invalidParameter(
      `The batch is ${batchBytes} bytes (messages in UTF-8 + ${limits.eventOverheadBytes} per event); at most ${limits.maxBatchBytes} are allowed.`,
    );
  }
  for (let i = 1; i < events.length; i++) {
    if (events[i].timestamp < events[i - 1].timestamp) {
      throw CloudWatchLogsErrors.invalidParameter(
        `Log events in a single PutLogEvents request must be in chronological order: event ${i} (${events[i].timestamp}) is older than event ${i - 1} (${events[i - 1].timestamp}).`,
      );
    }
  }
  const tooOld = events.filter((event) => event.timestamp < now - limits.maxAgeMs).length;
  const expired =
    retentionInDays === undefined
      ? 0
      : events.filter((event) => event.timestamp < now - retentionInDays * DAY_MS).length;
  const firstTooNew = events.findIndex((event) => event.timestamp > now + limits.maxFutureMs);
  const end = firstTooNew === -1 ? events.length : firstTooNew;
  const start = Math.max(tooOld, expired);
  const kept = events.slice(start, Math.max(start, end));
  if (kept.length > 1 && kept[kept.length - 1].timestamp - kept[0].timestamp > limits.maxBatchSpanMs) {
    throw CloudWatchLogsErrors.invalidParameter(
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    );
  }
  const rejected: RejectedLogEventsInfo = {
    ...(tooOld > 0 ? { tooOldLogEventEndIndex: tooOld } : {}),
    ...(expired > tooOld ? { expiredLogEventEndIndex: expired } : {}),
    ...(firstTooNew !== -1 ? { tooNewLogEventStartIndex: firstTooNew } : {}),
  };
  const rejectedCount = events.length - kept.length;
  return rejectedCount > 0 ? { kept, rejected, rejectedCount } : { kept, rejectedCount };
}
