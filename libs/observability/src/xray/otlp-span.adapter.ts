import {
  type Attributes,
  type HrTime,
  type Link,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
} from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace';

/** A JSON value, as an OTLP `AnyValue` reads. */
export type OtlpAttributeValue =
  string | number | boolean | null | OtlpAttributeValue[] | { [key: string]: OtlpAttributeValue };

/** OTLP `KeyValue` lists, read into an object. */
export type OtlpAttributes = Record<string, OtlpAttributeValue>;

/**
 * One span as an OTLP receiver reads it from an ExportTraceServiceRequest, flattened from its
 * envelope: ids in lowercase hex, times in nanoseconds since the epoch as decimal strings.
 */
export interface OtlpSpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  traceState?: string;
  /** OTLP's `flags`: W3C trace flags in bits 0-7, "has is_remote" 0x100, "is_remote" 0x200. */
  flags?: number;
  name: string;
  kind: 'UNSPECIFIED' | 'INTERNAL' | 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER';
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpAttributes;
  droppedAttributesCount?: number;
  events: Array<{ timeUnixNano: string; name: string; attributes: OtlpAttributes }>;
  links: Array<{ traceId: string; spanId: string; traceState?: string; attributes: OtlpAttributes }>;
  status: { code: 'UNSET' | 'OK' | 'ERROR'; message?: string };
  resource: OtlpAttributes;
  scope: { name: string; version?: string };
}

// OTLP's SpanFlags (trace.proto): whether the parent's is_remote is known, and its value.
const HAS_IS_REMOTE = 0x100;
const IS_REMOTE = 0x200;
const NANOS_PER_SECOND = 1_000_000_000n;

const KINDS: Record<OtlpSpanRecord['kind'], SpanKind> = {
  UNSPECIFIED: SpanKind.INTERNAL,
  INTERNAL: SpanKind.INTERNAL,
  SERVER: SpanKind.SERVER,
  CLIENT: SpanKind.CLIENT,
  PRODUCER: SpanKind.PRODUCER,
  CONSUMER: SpanKind.CONSUMER,
};

const STATUS_CODES: Record<OtlpSpanRecord['status']['code'], SpanStatusCode> = {
  UNSET: SpanStatusCode.UNSET,
  OK: SpanStatusCode.OK,
  ERROR: SpanStatusCode.ERROR,
};

/**
 * The ReadableSpan a span received over OTLP stands for, as the SDK that exported it held it,
 * so that the X-Ray converter reads received spans exactly as it reads the services' own.
 * The parent is remote only when the flags say so (0x100 and 0x200, as the SDK's OTLP
 * transformer writes them); without that bit the parent counts as local, as the OTLP
 * specification says an unknown is_remote must be read.
 */
export function readableSpanOf(span: OtlpSpanRecord): ReadableSpan {
  const flags = span.flags ?? TraceFlags.SAMPLED;
  const traceFlags = flags & 0xff;
  const context: SpanContext = { traceId: span.traceId, spanId: span.spanId, traceFlags };
  const startTime = hrTime(span.startTimeUnixNano);
  const endTime = hrTime(span.endTimeUnixNano);
  const parentSpanContext: SpanContext | undefined = span.parentSpanId
    ? {
        traceId: span.traceId,
        spanId: span.parentSpanId,
        traceFlags,
        isRemote: (flags & HAS_IS_REMOTE) !== 0 && (flags & IS_REMOTE) !== 0,
      }
    : undefined;
  const events: TimedEvent[] = span.events.map((event) => ({
    name: event.name,
    time: hrTime(event.timeUnixNano),
    attributes: otelAttributes(event.attributes),
  }));
  const links: Link[] = span.links.map((link) => ({
    context: { traceId: link.traceId, spanId: link.spanId, traceFlags: TraceFlags.SAMPLED },
    attributes: otelAttributes(link.attributes),
  }));
  return {
    name: span.name,
    kind: KINDS[span.kind],
    spanContext: () => context,
    parentSpanContext,
    startTime,
    endTime,
    duration: hrTime(String(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano))),
    ended: true,
    status: { code: STATUS_CODES[span.status.code], message: span.status.message },
    attributes: otelAttributes(span.attributes),
    links,
    events,
    resource: resourceFromAttributes(otelAttributes(span.resource)),
    instrumentationScope: { name: span.scope.name, version: span.scope.version },
    droppedAttributesCount: span.droppedAttributesCount ?? 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

/** `[seconds, nanoseconds]` of a decimal count of nanoseconds since the epoch. */
function hrTime(nanos: string): HrTime {
  const total = BigInt(nanos);
  return [Number(total / NANOS_PER_SECOND), Number(total % NANOS_PER_SECOND)];
}

/**
 * OTLP values as span attributes. A key-value list has no attribute form: it is kept as the
 * object it is, which the converter copies into the document's metadata as AWS's exporter does.
 */
function otelAttributes(attributes: OtlpAttributes): Attributes {
  // Null-prototype: an attribute named `__proto__` stays a plain key.
  return Object.assign(Object.create(null) as Attributes, attributes as Attributes);
}
