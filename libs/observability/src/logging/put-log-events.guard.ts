import type {
  InputLogEvent,
  PutLogEventsCommandInput,
  PutLogEventsCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';

/** AWS's PutLogEvents limits: events per call, bytes per call (message bytes + 26 per event), time span per call. */
export const PUT_LOG_EVENTS_LIMITS = {
  maxEvents: 10_000,
  maxBytes: 1_048_576,
  eventOverheadBytes: 26,
  maxSpanMs: 24 * 3600_000,
} as const;

type Callback = (error: Error | null | undefined, data?: PutLogEventsCommandOutput) => void;

/** The callback form of PutLogEvents, as winston-cloudwatch calls it on the SDK's aggregated client. */
export interface PutLogEventsApi {
  putLogEvents(input: PutLogEventsCommandInput, callback: Callback): void;
}

/** Splits chronologically sorted events into batches within AWS's limits. */
export function splitIntoBatches(events: InputLogEvent[], limits = PUT_LOG_EVENTS_LIMITS): InputLogEvent[][] {
  const batches: InputLogEvent[][] = [];
  let batch: InputLogEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = Buffer.byteLength(event.message ?? '', 'utf8') + limits.eventOverheadBytes;
    const first = batch[0]?.timestamp ?? event.timestamp ?? 0;
    if (
      batch.length > 0 &&
      (batch.length >= limits.maxEvents ||
        bytes + size > limits.maxBytes ||
        (event.timestamp ?? 0) - first > limits.maxSpanMs)
    ) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(event);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** Events of an accepted batch that were refused as too old, expired or too new (end indexes read as exclusive). */
function refusedCount(data: PutLogEventsCommandOutput | undefined, size: number): number {
  const info = data?.rejectedLogEventsInfo;
  if (!info) return 0;
  const old = Math.max(info.tooOldLogEventEndIndex ?? 0, info.expiredLogEventEndIndex ?? 0);
  const tooNew = info.tooNewLogEventStartIndex === undefined ? 0 : size - info.tooNewLogEventStartIndex;
  return Math.min(size, old + tooNew);
}

/**
 * Errors by which CloudWatch Logs refuses a batch itself, as invalid: sending it again cannot
 * succeed, so it is dropped (and counted). Everything else (the network, throttling, a 5xx, a
 * sequence token, credentials) leaves the events to be sent again.
 */
const INVALID_BATCH_ERRORS = new Set([
  'InvalidParameterException',
  'DataAlreadyAcceptedException',
  'SerializationException',
  'ValidationException',
]);

/** Whether CloudWatch Logs refused the batch as invalid (4xx of the batch itself: not throttling, not 5xx, not the network). */
export function isRefusedAsInvalid(error: Error): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return INVALID_BATCH_ERRORS.has(error.name) || status === 413;
}

/** What becomes of the events of one transport call. */
export interface PutLogEventsOutcomes {
  /** Events CloudWatch accepted. */
  sent(events: number): void;
  /** Events not delivered because of `error` (unreachable, throttled, 5xx): to be queued again, in order. */
  undelivered(events: InputLogEvent[], error: Error): void;
  /** Events of a batch refused as invalid: lost, to be counted. */
  refused(events: number, error: Error): void;
}

/**
 * Wraps a client's `putLogEvents` so that one call of winston-cloudwatch
 * becomes as many PutLogEvents as AWS's limits need: the transport bounds a
 * batch's bytes (1,000,000) but not its number of events, so a queue of more
 * than 10,000 small events would be refused whole. Batches go one after the
 * other (each with the previous one's sequence token). On a failure the
 * events not yet delivered are handed back (`undelivered`), except a batch
 * refused as invalid (`refused`), and the call is over: winston-cloudwatch
 * has already taken them out of its queue and would otherwise retry them
 * back to back and then drop them. Its retries of the same call (the same
 * input object) answer the same error at once, sending nothing. `inFlight()`
 * counts the events taken out of the queue and not yet settled.
 */
export function guardPutLogEvents(client: PutLogEventsApi, outcomes: PutLogEventsOutcomes): { inFlight(): number } {
  const put = client.putLogEvents.bind(client);
  const finished = new WeakMap<PutLogEventsCommandInput, Error>();
  let inFlight = 0;
  client.putLogEvents = (input, callback) => {
    const failure = finished.get(input);
    if (failure) return callback(failure);
    const batches = splitIntoBatches(input.logEvents ?? []);
    let unsettled = input.logEvents?.length ?? 0;
    inFlight += unsettled;
    const settle = (events: number): void => {
      inFlight -= events;
      unsettled -= events;
    };
    let token = input.sequenceToken;
    let last: PutLogEventsCommandOutput | undefined;
    const next = (index: number): void => {
      if (index >= batches.length) return callback(null, last);
      put({ ...input, logEvents: batches[index], sequenceToken: token }, (error, data) => {
        if (error) {
          settle(unsettled);
          finished.set(input, error);
          const refused = isRefusedAsInvalid(error);
          if (refused) outcomes.refused(batches[index].length, error);
          const rest = batches.slice(refused ? index + 1 : index).flat();
          if (rest.length > 0) outcomes.undelivered(rest, error);
          input.logEvents = [];
          return callback(error, data);
        }
        settle(batches[index].length);
        outcomes.sent(batches[index].length - refusedCount(data, batches[index].length));
        last = data;
        token = data?.nextSequenceToken ?? token;
        next(index + 1);
      });
    };
    next(0);
  };
  return { inFlight: () => inFlight };
}
