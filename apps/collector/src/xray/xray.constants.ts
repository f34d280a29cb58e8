/** The account and region the emulated X-Ray pretends to be in (ARNs carry them). */
export const XRAY_ACCOUNT_ID = '000000000000';
export const XRAY_REGION = 'us-east-1';

/** AWS allows 25 groups and 25 sampling rules per account and region (besides the defaults). */
export const MAX_GROUPS = 25;
export const MAX_SAMPLING_RULES = 25;

/** The daemon refuses segment documents larger than a UDP datagram; PutTraceSegments takes up to 64 KiB each. */
export const MAX_SEGMENT_DOCUMENT_BYTES = 64 * 1024;

/** Sampling targets are valid for 10 s and clients poll every 10 s, as the real service tells them. */
export const SAMPLING_TARGET_INTERVAL_S = 10;

/** Page size of the listing operations (GetTraceSummaries, BatchGetTraces). */
export const TRACE_SUMMARIES_PAGE_SIZE = 100;
export const BATCH_GET_TRACES_MAX_IDS = 5;
