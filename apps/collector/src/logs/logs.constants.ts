/**
 * CloudWatch Logs quotas the collector enforces, as AWS documents them
 * (PutLogEvents, 2025: events up to 1 MiB, batches up to 1,048,576 bytes),
 * and the collector's own bounds on groups and streams.
 */
export const CLOUDWATCH_LOGS = {
  /** Bytes AWS adds to each event's UTF-8 message when it counts batch sizes. */
  eventOverheadBytes: 26,
  /** Largest PutLogEvents batch: messages in UTF-8 plus 26 bytes per event. */
  maxBatchBytes: 1_048_576,
  /** Largest event, counted like the batch (message + 26 bytes). */
  maxEventBytes: 1_048_576,
  maxBatchEvents: 10_000,
  /** Kept events of one batch may not span more than this. */
  maxBatchSpanMs: 24 * 60 * 60 * 1000,
  /** Events older than this are rejected (tooOldLogEventEndIndex), the others kept. */
  maxAgeMs: 14 * 24 * 60 * 60 * 1000,
  /** Events further in the future than this are rejected (tooNewLogEventStartIndex). */
  maxFutureMs: 2 * 60 * 60 * 1000,
  /** Most events, and bytes of messages, one GetLogEvents or FilterLogEvents answer returns. */
  maxPageEvents: 10_000,
  maxPageBytes: 1_048_576,
  /** Most log groups the collector keeps (AWS: 1,000,000 per account and region). */
  maxLogGroups: 1_000,
  /** Most log streams, all groups together (AWS has no per-account limit). */
  maxLogStreams: 10_000,
  /** The retention periods PutRetentionPolicy accepts, in days. */
  retentionDays: [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
  ],
  /** The account id in ARNs: no account is involved. */
  accountId: '000000000000',
  /** The region in ARNs when a request is not SigV4-signed. */
  defaultRegion: 'us-east-1',
} as const;

/** The `X-Amz-Target` prefix of CloudWatch Logs operations. */
export const CLOUDWATCH_LOGS_TARGET_PREFIX = 'Logs_20140328.';

/** Content type of the JSON 1.1 protocol. */
export const AMZ_JSON_1_1 = 'application/x-amz-json-1.1';
