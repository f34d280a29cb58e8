import { CloudWatchLogsErrors } from '../cloudwatch-logs.errors';
import { FilterPatternSyntaxError } from '../filter-pattern/filter-pattern.grammar';
import { compileFilterPattern, type MessagePredicate } from '../filter-pattern/filter-pattern.matcher';
import { CLOUDWATCH_LOGS } from '../logs.constants';
import { compareEventKeys, type EventKey, formatEventKey, parseEventKey } from '../store/log-event.key';
import type { StoredLogEvent } from '../store/log.model';
import type { LogStore } from '../store/log.store';
import type { AwsInput } from './aws-input.reader';
import { readGroupReference, readPrefix } from './log-names.input';

function compile(pattern: string | undefined): MessagePredicate {
  try {
    return compileFilterPattern(pattern);
  } catch (error) {
    if (error instanceof FilterPatternSyntaxError) throw CloudWatchLogsErrors.invalidParameter(error.message);
    throw error;
  }
}

/** FilterLogEvents tokens: base64url of the key of the last event returned. */
function readAfter(input: AwsInput): EventKey | undefined {
  const token = input.string('nextToken', { min: 1 });
  if (token === undefined) return undefined;
  const key = parseEventKey(Buffer.from(token, 'base64url').toString('utf8'));
  if (!key) throw CloudWatchLogsErrors.invalidParameter('The specified nextToken is invalid.');
  return key;
}

/**
 * FilterLogEvents: the events of a group's streams (all, those named, or
 * those with a prefix) that match the filter pattern, interleaved by time,
 * `startTime` and `endTime` both inclusive, a page at a time.
 */
export function filterLogEvents(store: LogStore, input: AwsInput): object {
  const group = store.group(readGroupReference(input));
  const names = input.strings('logStreamNames', { min: 1, max: 100 });
  const prefix = readPrefix(input, 'logStreamNamePrefix');
  const startTime = input.integer('startTime', { min: 0 });
  const endTime = input.integer('endTime', { min: 0 });
  const pattern = input.string('filterPattern', { min: 0, max: 1024 });
  const limit = input.integer('limit', { min: 1, max: CLOUDWATCH_LOGS.maxPageEvents }) ?? CLOUDWATCH_LOGS.maxPageEvents;
  const after = readAfter(input);
  if (names !== undefined && prefix !== undefined) {
    throw CloudWatchLogsErrors.invalidParameter(
      'logStreamNames and logStreamNamePrefix are mutually exclusive parameters.',
    );
  }
  const matches = compile(pattern);
  const streams = [...group.streams.values()].filter(
    (stream) =>
      (names === undefined || names.includes(stream.name)) && (prefix === undefined || stream.name.startsWith(prefix)),
  );
  const range = { startTime, endTime: endTime === undefined ? undefined : endTime + 1, after };
  const candidates = streams.flatMap((stream) => stream.between(range)).sort(compareEventKeys);

  const page: StoredLogEvent[] = [];
  let bytes = 0;
  let more = false;
  for (const event of candidates) {
    if (!matches(event.message)) continue;
    if (page.length >= limit || (page.length > 0 && bytes + event.bytes > CLOUDWATCH_LOGS.maxPageBytes)) {
      more = true;
      break;
    }
    page.push(event);
    bytes += event.bytes;
  }
  const last = page[page.length - 1];
  return {
    events: page.map((event) => ({
      logStreamName: event.stream.name,
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: event.ingestionTime,
      eventId: formatEventKey(event),
    })),
    searchedLogStreams: streams.map((stream) => ({ logStreamName: stream.name, searchedCompletely: true })),
    ...(more && last ? { nextToken: Buffer.from(formatEventKey(last)).toString('base64url') } : {}),
  };
}
