/** The `data` object of a Rollbar item, as the sender sent it. */
export type RollbarItemData = Record<string, unknown>;

/** A kept Rollbar item as the collector's read API shows it. */
export interface RollbarItemView {
  /** `data.uuid`, or one the collector made when the item had none. */
  uuid: string;
  /** When the collector received it, epoch milliseconds. */
  receivedAt: number;
  /** `data.level`; Rollbar's default, `error`, when absent. */
  level: string;
  environment: string | null;
  /** The exception's class and message, or the message body. */
  title: string;
  /** Canonical trace id from `data.custom.trace_id` or `data.custom.xray_trace_id`. */
  traceId?: string;
  /** The `data` object as received. */
  item: RollbarItemData;
}

/** Size and bounds of the error store. */
export interface ErrorStoreStats {
  items: number;
  maxItems: number;
  /** Items dropped so far to stay within the bounds. */
  evicted: number;
}
