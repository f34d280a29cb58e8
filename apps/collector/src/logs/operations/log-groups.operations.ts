import { CloudWatchLogsErrors } from '../cloudwatch-logs.errors';
import { CLOUDWATCH_LOGS } from '../logs.constants';
import type { LogStore } from '../store/log.store';
import type { AwsInput } from './aws-input.reader';
import { readGroupName, readGroupReference, readPrefix } from './log-names.input';
import { logGroupArn, type OperationContext } from './operation.context';
import { paginate } from './page.token';

/** CreateLogGroup: tags, KMS key and class are accepted and ignored. */
export function createLogGroup(store: LogStore, input: AwsInput, context: OperationContext): object {
  store.createGroup(readGroupName(input), context.now);
  return {};
}

/** DeleteLogGroup: the group, its streams and their events. */
export function deleteLogGroup(store: LogStore, input: AwsInput): object {
  store.deleteGroup(readGroupName(input));
  return {};
}

/** DescribeLogGroups: by prefix or by substring pattern (not both), sorted by name, 50 a page at most. */
export function describeLogGroups(store: LogStore, input: AwsInput, context: OperationContext): object {
  const prefix = readPrefix(input, 'logGroupNamePrefix');
  const pattern = input.string('logGroupNamePattern', { min: 0, max: 512 });
  const identifiers = input.strings('logGroupIdentifiers', { min: 1, max: 50 });
  const limit = input.integer('limit', { min: 1, max: 50 }) ?? 50;
  const token = input.string('nextToken', { min: 1 });
  if (prefix !== undefined && pattern !== undefined) {
    throw CloudWatchLogsErrors.invalidParameter(
      'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
    );
  }
  const names =
    identifiers &&
    new Set(identifiers.map((identifier) => identifier.replace(/^arn:.*:log-group:([^:]+)(:\*)?$/, '$1')));
  const groups = store
    .groups()
    .filter((group) => prefix === undefined || group.name.startsWith(prefix))
    .filter((group) => pattern === undefined || group.name.includes(pattern))
    .filter((group) => names === undefined || names.has(group.name));
  const { page, nextToken } = paginate(groups, limit, token);
  return {
    logGroups: page.map((group) => ({
      logGroupName: group.name,
      creationTime: group.creationTime,
      ...(group.retentionInDays !== undefined ? { retentionInDays: group.retentionInDays } : {}),
      metricFilterCount: 0,
      arn: `${logGroupArn(context, group.name)}:*`,
      logGroupArn: logGroupArn(context, group.name),
      storedBytes: group.storedBytes,
      logGroupClass: 'STANDARD',
      deletionProtectionEnabled: false,
    })),
    ...(nextToken ? { nextToken } : {}),
  };
}

/** PutRetentionPolicy: only the day counts AWS offers. Events older than it are refused from then on. */
export function putRetentionPolicy(store: LogStore, input: AwsInput): object {
  const group = store.group(readGroupReference(input));
  const days = input.integer('retentionInDays', { required: true });
  if (days === undefined || !(CLOUDWATCH_LOGS.retentionDays as readonly number[]).includes(days)) {
    throw CloudWatchLogsErrors.constraint(
      'retentionInDays',
      days,
      `Member must satisfy enum value set: [${CLOUDWATCH_LOGS.retentionDays.join(', ')}]`,
    );
  }
  group.retentionInDays = days;
  return {};
}

/** DeleteRetentionPolicy: back to "never expire". */
export function deleteRetentionPolicy(store: LogStore, input: AwsInput): object {
  store.group(readGroupReference(input)).retentionInDays = undefined;
  return {};
}
