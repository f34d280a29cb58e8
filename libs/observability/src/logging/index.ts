// Logging: winston lines carrying the trace ids, redacted, on the console and in CloudWatch Logs.
export * from './access.logger';
export * from './app-logger.factory';
export * from './app-logger.options';
export type { CloudWatchStats } from './cloudwatch.options';
export { APP_LOG_LEVELS, LOG_LEVELS, type AppLogLevel } from './log-levels';
export { REDACTED, redact, redactString } from './redact';
export { type TraceFields, activeTraceFields, traceFieldsOf } from './trace-fields';
