export { LogsModule } from './logs.module';
export { LogStore } from './store/log.store';
export type { CloudWatchLogEventView, LogStoreStats } from './store/log.model';
