/** The `http` block of a segment document (AWS's schema: strings of at most 250 characters). */
export interface XrayHttp {
  request?: { method?: string; url?: string; client_ip?: string; user_agent?: string };
  response?: { status?: number; content_length?: number };
}

/** The `fault` / `error` / `throttle` flags of a (sub)segment; absent means false. */
export interface XrayFlags {
  fault?: true;
  error?: true;
  throttle?: true;
}

/** Values X-Ray indexes as annotations. */
export type XrayAnnotationValue = string | number | boolean;

/** `metadata`: namespace → key → any JSON value. */
export type XrayMetadata = Record<string, Record<string, unknown>>;

/**
 * One finished (sub)segment as it goes on the wire, in AWS's segment document schema: a plain
 * object in the shape aws-xray-sdk-core's classes serialize to. A segment carries `trace_id`;
 * a subsegment sent on its own also `type: "subsegment"` and `parent_id`; one nested in
 * `subsegments` neither (it inherits both from where it sits).
 */
export interface XrayDocument extends XrayFlags {
  name: string;
  id: string;
  trace_id?: string;
  parent_id?: string;
  type?: 'subsegment';
  start_time: number;
  end_time: number;
  namespace?: 'remote';
  service?: { version: string };
  http?: XrayHttp;
  annotations?: Record<string, XrayAnnotationValue>;
  metadata?: XrayMetadata;
  cause?: unknown;
  subsegments?: XrayDocument[];
}
