import { Module } from '@nestjs/common';
import { CloudWatchLogsController } from './cloudwatch-logs.controller';
import { CloudWatchLogsOperations } from './cloudwatch-logs.operations';
import { LogStore } from './store/log.store';

/**
 * CloudWatch Logs stand-in: the JSON 1.1 API on `POST /` and the log store.
 * Exports LogStore for the read API (`findByTraceId`, `storeStats`).
 */
@Module({
  controllers: [CloudWatchLogsController],
  providers: [LogStore, CloudWatchLogsOperations],
  exports: [LogStore],
})
export class LogsModule {}
