import { CloudWatchLogsErrors } from '../cloudwatch-logs.errors';
import { formatEventKey } from '../store/log-event.key';
import type { LogStore } from '../store/log.store';
import type { AwsInput } from './aws-input.reader';
import { readGroupName, readGroupReference, readPrefix, readStreamName } from './log-names.input';
import { logStreamArn, type OperationContext } from './operation.context';
import { paginate } from './page.token';

export function createLogStream(store: LogStore, input: AwsInput, context: OperationContext): object {
  const group = store.group(readGroupName(input));
  store.createStream(group, readStreamName(input), context.now);
  return {};
}

export function deleteLogStream(store: LogStore, input: AwsInput): object {
  const group = store.group(readGroupName(input));
  store.deleteStream(group, readStreamName(input));
  return {};
}

/**
 * DescribeLogStreams: by name (optionally a prefix) or by last event time
 * (no prefix then, as AWS), ascending unless `descending`, 50 a page at most.
 */
export function describeLogStreams(store: LogStore, input: AwsInput, context: OperationContext): object {
  const group = store.group(readGroupReference(input));
  const prefix = readPrefix(input, 'logStreamNamePrefix');
  const orderBy = input.string('orderBy') ?? 'LogStreamName';
  const descending = input.boolean('descending') ?? false;
  const limit = input.integer('limit', { min: 1, max: 50 }) ?? 50;
  const token = input.string('nextToken', { min: 1 });
  if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
    throw CloudWatchLogsErrors.constraint(
      'orderBy',
      orderBy,
      'Member must satisfy enum value set: [LogStreamName, LastEventTime]',
    );
  }
  if (orderBy === 'LastEventTime' && prefix !== undefined) {
    throw CloudWatchLogsErrors.invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  const streams = [...group.streams.values()].filter(
    (stream) => prefix === undefined || stream.name.startsWith(prefix),
  );
  streams.sort((a, b) =>
    orderBy === 'LastEventTime'
      ? (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0) || (a.name < b.name ? -1 : 1)
      : a.name < b.name
        ? -1
        : a.name > b.name
          ? 1
          : 0,
  );
  if (descending) streams.reverse();
  const { page, nextToken } = paginate(streams, limit, token);
  return {
    logStreams: page.map((stream) => ({
      logStreamName: stream.name,
      creationTime: stream.creationTime,
      ...(stream.firstEventTimestamp !== undefined
        ? {
            firstEventTimestamp: stream.firstEventTimestamp,
            lastEventTimestamp: stream.lastEventTimestamp,
            lastIngestionTime: stream.lastIngestionTime,
          }
        : {}),
      // Deprecated and ignored by AWS; older clients (winston-cloudwatch) still read it.
      uploadSequenceToken: formatEventKey({ timestamp: stream.lastEventTimestamp ?? 0, seq: stream.size }),
      arn: logStreamArn(context, group.name, stream.name),
      storedBytes: stream.storedBytes,
    })),
    ...(nextToken ? { nextToken } : {}),
  };
}
