import type { CloudWatchLoggingOptions } from './app-logger.options';

/** Counters of the CloudWatch Logs shipping. */
export interface CloudWatchStats {
  /** Events not delivered yet: waiting for the next upload, or in the upload under way. */
  queued: number;
  /** Events dropped, the oldest first, to keep the queue within maxQueuedEvents. */
  dropped: number;
  /** Events of batches CloudWatch Logs refused as invalid (InvalidParameterException...): lost, not retried. */
  refused: number;
  /** Events CloudWatch Logs accepted. */
  sent: number;
  /**
   * Upload attempts (timer or flush) that failed after the SDK's retries. The events stay queued,
   * except a batch refused as invalid (`refused`).
   */
  failedBatches: number;
}

/** Options of the bounded transport: AppLoggerOptions.cloudwatch, and where its warnings go. */
export type CloudWatchTransportOptions = CloudWatchLoggingOptions & {
  /** Console warning about this destination, of one kind of trouble; the caller rate-limits it per kind. */
  warn: (kind: CloudWatchWarningKind, message: string) => void;
};

/** The kinds of trouble the transport reports, each rate-limited on its own (one does not hide another). */
export type CloudWatchWarningKind = 'queue-full' | 'unreachable' | 'refused' | 'recovered';
