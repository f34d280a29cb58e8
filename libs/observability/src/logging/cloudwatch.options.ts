import type { CloudWatchLoggingOptions } from './app-logger.options';

/** Counters of the CloudWatch Logs shipping. */
export interface CloudWatchStats {
  /** Events waiting for the next upload. */
  queued: number;
  /** Events refused because the queue was full. */
  dropped: number;
  /** Events CloudWatch Logs accepted. */
  sent: number;
  /**
   * Upload attempts (timer or flush) that failed after the SDK's and the transport's retries. When
   * CloudWatch could not be reached at all the events stay queued; a batch PutLogEvents refused is lost.
   */
  failedBatches: number;
}

/** Options of the bounded transport: AppLoggerOptions.cloudwatch, and where its warnings go. */
export type CloudWatchTransportOptions = CloudWatchLoggingOptions & {
  /** Console warning about this destination; the caller rate-limits it. */
  warn: (message: string) => void;
};
