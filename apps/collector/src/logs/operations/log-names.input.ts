import { CloudWatchLogsErrors } from '../cloudwatch-logs.errors';
import type { AwsInput } from './aws-input.reader';

/** AWS's constraints on names. */
const GROUP_NAME = { min: 1, max: 512, pattern: { test: /^[.\-_/#A-Za-z0-9]+$/, describe: '[\\.\\-_/#A-Za-z0-9]+' } };
const STREAM_NAME = { min: 1, max: 512, pattern: { test: /^[^:*]*$/, describe: '[^:*]*' } };
const GROUP_ARN = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)(?::\*)?$/;

/** A required `logGroupName`. */
export function readGroupName(input: AwsInput, member = 'logGroupName'): string {
  return input.string(member, { ...GROUP_NAME, required: true });
}

/** A required log stream name. */
export function readStreamName(input: AwsInput, member = 'logStreamName'): string {
  return input.string(member, { ...STREAM_NAME, required: true });
}

/** An optional name prefix (DescribeLogGroups, DescribeLogStreams, FilterLogEvents). */
export function readPrefix(input: AwsInput, member: string): string | undefined {
  return input.string(member, { min: 1, max: 512 });
}

/**
 * The group an operation names, by `logGroupName` or `logGroupIdentifier`
 * (a name or an ARN, with or without `:*`); exactly one of them.
 */
export function readGroupReference(input: AwsInput): string {
  const name = input.string('logGroupName', GROUP_NAME);
  const identifier = input.string('logGroupIdentifier', { min: 1, max: 2048 });
  if (name !== undefined && identifier !== undefined) {
    throw CloudWatchLogsErrors.invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  if (identifier !== undefined) return GROUP_ARN.exec(identifier)?.[1] ?? identifier;
  if (name === undefined) throw CloudWatchLogsErrors.missing('logGroupName');
  return name;
}
