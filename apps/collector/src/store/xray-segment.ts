/**
 * An X-Ray segment or subsegment document, as the SDKs send it (see AWS's
 * segment document schema). Only the fields the collector reads are typed;
 * everything else is kept as sent.
 */
export interface XraySegmentDocument {
  id: string;
  name: string;
  /** X-Ray form, `1-xxxxxxxx-…`; a subsegment nested in its segment has none. */
  trace_id?: string;
  /** Epoch seconds, with fractions. */
  start_time: number;
  end_time?: number;
  in_progress?: boolean;
  parent_id?: string;
  /** `"subsegment"` for a subsegment sent on its own. */
  type?: 'subsegment';
  namespace?: string;
  origin?: string;
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
  http?: {
    request?: { method?: string; url?: string; client_ip?: string; user_agent?: string; traced?: boolean };
    response?: { status?: number; content_length?: number };
  };
  annotations?: Record<string, string | number | boolean>;
  metadata?: Record<string, Record<string, unknown>>;
  subsegments?: XraySegmentDocument[];
  [field: string]: unknown;
}

/** How a segment reached the collector. */
export type SegmentOrigin = 'xray_udp' | 'xray_api' | 'xray_otlp';
