import { CloudWatchLogsErrors } from '../cloudwatch-logs.errors';
import { CLOUDWATCH_LOGS } from '../logs.constants';
import { type EventKey, FIRST_KEY, formatEventKey, parseEventKey } from '../store/log-event.key';
import type { StoredLogEvent } from '../store/log.model';
import type { LogStore } from '../store/log.store';
import type { AwsInput } from './aws-input.reader';
import { readGroupReference, readStreamName } from './log-names.input';

type Direction = 'f' | 'b';

function readToken(input: AwsInput): { direction: Direction; key: EventKey } | undefined {
  const token = input.string('nextToken', { min: 1 });
  if (token === undefined) return undefined;
  const match = /^([fb])\/([0-9]{56})$/.exec(token);
  const key = match ? parseEventKey(match[2]) : undefined;
  if (!match || !key) throw CloudWatchLogsErrors.invalidParameter('The specified nextToken is invalid.');
  return { direction: match[1] as Direction, key };
}

/** The first (`fromStart`) or last events of `events` within `limit` events and the page byte limit. */
function take(events: StoredLogEvent[], limit: number, fromStart: boolean): StoredLogEvent[] {
  const ordered = fromStart ? events : [...events].reverse();
  const page: StoredLogEvent[] = [];
  let bytes = 0;
  for (const event of ordered) {
    if (page.length >= limit || (page.length > 0 && bytes + event.bytes > CLOUDWATCH_LOGS.maxPageBytes)) break;
    page.push(event);
    bytes += event.bytes;
  }
  return fromStart ? page : page.reverse();
}

const token = (direction: Direction, key: EventKey) => `${direction}/${formatEventKey(key)}`;

/**
 * GetLogEvents: one stream's events in order, `startTime` inclusive and
 * `endTime` exclusive. Without a token: the oldest events (`startFromHead`) or
 * the newest. `f/…` tokens page forward, `b/…` backward; at the end of the
 * stream the token given is returned unchanged, which is how clients know to stop.
 */
export function getLogEvents(store: LogStore, input: AwsInput): object {
  const group = store.group(readGroupReference(input));
  const streamName = readStreamName(input);
  const startTime = input.integer('startTime', { min: 0 });
  const endTime = input.integer('endTime', { min: 0 });
  const limit = input.integer('limit', { min: 1, max: CLOUDWATCH_LOGS.maxPageEvents }) ?? CLOUDWATCH_LOGS.maxPageEvents;
  const startFromHead = input.boolean('startFromHead') ?? false;
  const given = readToken(input);
  const stream = store.stream(group, streamName);
  const range = { startTime, endTime };
  let events: StoredLogEvent[];
  if (given?.direction === 'f') events = take(stream.between({ ...range, after: given.key }), limit, true);
  else if (given?.direction === 'b') events = take(stream.between({ ...range, before: given.key }), limit, false);
  else events = take(stream.between(range), limit, startFromHead);

  const first = events[0];
  const last = events[events.length - 1];
  let forward: string;
  let backward: string;
  if (first && last) {
    forward = token('f', last);
    backward = token('b', first);
  } else if (given) {
    // Nothing more this way: the same token again, and the other way starts at the same place.
    const { key } = given;
    forward =
      given.direction === 'f'
        ? token('f', key)
        : token('f', { timestamp: key.timestamp, seq: Math.max(0, key.seq - 1) });
    backward = given.direction === 'b' ? token('b', key) : token('b', { timestamp: key.timestamp, seq: key.seq + 1 });
  } else {
    forward = token('f', FIRST_KEY);
    backward = token('b', FIRST_KEY);
  }
  return {
    events: events.map((event) => ({
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: event.ingestionTime,
    })),
    nextForwardToken: forward,
    nextBackwardToken: backward,
  };
}
