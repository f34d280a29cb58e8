import type { StatsService } from '../../common/stats.service';
import { formatEventKey } from '../store/log-event.key';
import type { LogStore } from '../store/log.store';
import type { AwsInput } from './aws-input.reader';
import { checkLogBatch, readLogEvents } from './log-batch.validator';
import { readGroupName, readStreamName } from './log-names.input';
import type { OperationContext } from './operation.context';

/**
 * PutLogEvents. The sequence token is ignored, as on AWS since 2023; a next
 * token is still returned for clients that keep passing it on.
 */
export function putLogEvents(store: LogStore, stats: StatsService, input: AwsInput, context: OperationContext): object {
  const groupName = readGroupName(input);
  const streamName = readStreamName(input);
  const events = readLogEvents(input.list('logEvents', { required: true, min: 1 }) ?? []);
  input.string('sequenceToken');
  const group = store.group(groupName);
  const stream = store.stream(group, streamName);
  const { kept, rejected, rejectedCount } = checkLogBatch(events, context.now, group.retentionInDays);
  store.append(stream, kept, context.now);
  stats.count('cloudwatch_logs', 'rejected', rejectedCount);
  return {
    nextSequenceToken: formatEventKey({ timestamp: stream.lastEventTimestamp ?? 0, seq: stream.size }),
    ...(rejected ? { rejectedLogEventsInfo: rejected } : {}),
  };
}
