import { CLOUDWATCH_LOGS } from '../logs.constants';

/** What an operation needs to know about the request besides its members. */
export interface OperationContext {
  /** The region the client signed for (ARNs name it), or the default. */
  region: string;
  /** Time of the request, in epoch milliseconds. */
  now: number;
}

/** `arn:aws:logs:<region>:<account>:log-group:<name>`; AWS's `arn` member adds `:*`. */
export function logGroupArn(context: OperationContext, groupName: string): string {
  return `arn:aws:logs:${context.region}:${CLOUDWATCH_LOGS.accountId}:log-group:${groupName}`;
}

export function logStreamArn(context: OperationContext, groupName: string, streamName: string): string {
  return `${logGroupArn(context, groupName)}:log-stream:${streamName}`;
}
