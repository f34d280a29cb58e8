import { Injectable } from '@nestjs/common';
import { StatsService } from '../common/stats.service';
import { CloudWatchLogsErrors } from './cloudwatch-logs.errors';
import { AwsInput } from './operations/aws-input.reader';
import { filterLogEvents } from './operations/filter-log-events.operation';
import { getLogEvents } from './operations/get-log-events.operation';
import {
  createLogGroup,
  deleteLogGroup,
  deleteRetentionPolicy,
  describeLogGroups,
  putRetentionPolicy,
} from './operations/log-groups.operations';
import { createLogStream, deleteLogStream, describeLogStreams } from './operations/log-streams.operations';
import type { OperationContext } from './operations/operation.context';
import { putLogEvents } from './operations/put-log-events.operation';
import { LogStore } from './store/log.store';

type Operation = (input: AwsInput, context: OperationContext) => object;

/** The CloudWatch Logs operations the collector answers, by their `X-Amz-Target` name. */
@Injectable()
export class CloudWatchLogsOperations {
  private readonly operations: ReadonlyMap<string, Operation>;

  constructor(store: LogStore, stats: StatsService) {
    this.operations = new Map<string, Operation>([
      ['CreateLogGroup', (input, context) => createLogGroup(store, input, context)],
      ['DeleteLogGroup', (input) => deleteLogGroup(store, input)],
      ['DescribeLogGroups', (input, context) => describeLogGroups(store, input, context)],
      ['PutRetentionPolicy', (input) => putRetentionPolicy(store, input)],
      ['DeleteRetentionPolicy', (input) => deleteRetentionPolicy(store, input)],
      ['CreateLogStream', (input, context) => createLogStream(store, input, context)],
      ['DeleteLogStream', (input) => deleteLogStream(store, input)],
      ['DescribeLogStreams', (input, context) => describeLogStreams(store, input, context)],
      ['PutLogEvents', (input, context) => putLogEvents(store, stats, input, context)],
      ['GetLogEvents', (input) => getLogEvents(store, input)],
      ['FilterLogEvents', (input) => filterLogEvents(store, input)],
    ]);
  }

  /** Names of the supported operations. */
  get names(): string[] {
    return [...this.operations.keys()];
  }

  /** Runs one operation on a parsed request body; an unsupported name is an UnknownOperationException. */
  run(name: string, body: unknown, context: OperationContext): object {
    const operation = this.operations.get(name);
    if (!operation) {
      throw CloudWatchLogsErrors.unknownOperation(
        `Operation ${name} is not supported by the local collector (supported: ${this.names.join(', ')})`,
      );
    }
    return operation(AwsInput.of(body), context);
  }
}
