/** An attribute value, as OTLP's AnyValue decodes to JSON. */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

export type Attributes = Record<string, AttributeValue>;

export type SpanKindName = 'UNSPECIFIED' | 'INTERNAL' | 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER';
export type StatusCodeName = 'UNSET' | 'OK' | 'ERROR';

/** One OpenTelemetry span as the collector keeps it, flattened from its OTLP envelope. */
export interface OtelSpan {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** 16 lowercase hex digits. */
  spanId: string;
  parentSpanId?: string;
  traceState?: string;
  flags?: number;
  name: string;
  kind: SpanKindName;
  /** Nanoseconds since the epoch, as a decimal string (too large for a JS number). */
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Attributes;
  droppedAttributesCount?: number;
  events: Array<{ timeUnixNano: string; name: string; attributes: Attributes }>;
  links: Array<{ traceId: string; spanId: string; traceState?: string; attributes: Attributes }>;
  status: { code: StatusCodeName; message?: string };
  resource: Attributes;
  scope: { name: string; version?: string };
  /** The resource's `service.name`, or `unknown_service`. */
  serviceName: string;
}
