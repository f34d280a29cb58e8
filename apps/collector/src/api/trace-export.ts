import type { AttributeValue, Attributes, OtelSpan } from '../store/otel-span';
import type { XraySegmentDocument } from '../store/xray-segment';
import { toXrayTraceId } from '@app/common';

const KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const STATUS_CODES = ['UNSET', 'OK', 'ERROR'];

/** An OTLP/JSON AnyValue (integers as intValue strings, as the proto3 JSON mapping writes int64). */
type AnyValueJson =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number | string }
  | { arrayValue: { values: AnyValueJson[] } }
  | { kvlistValue: { values: KeyValueJson[] } }
  | Record<string, never>;

interface KeyValueJson {
  key: string;
  value: AnyValueJson;
}

function anyValueJson(value: AttributeValue): AnyValueJson {
  if (value === null) return {};
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValueJson) } };
  return { kvlistValue: { values: keyValues(value) } };
}

const keyValues = (attributes: Attributes): KeyValueJson[] =>
  Object.entries(attributes).map(([key, value]) => ({ key, value: anyValueJson(value) }));

/**
 * A trace's spans as an OTLP/JSON ExportTraceServiceRequest (what `POST /v1/traces`
 * accepts), one resourceSpans per resource and one scopeSpans per scope, spans in start order.
 */
export function toOtlpJson(spans: OtelSpan[]): { resourceSpans: object[] } {
  const resources = new Map<
    string,
    { resource: Attributes; scopes: Map<string, { scope: OtelSpan['scope']; spans: object[] }> }
  >();
  for (const span of spans) {
    const resourceKey = JSON.stringify(span.resource);
    const resource = resources.get(resourceKey) ?? { resource: span.resource, scopes: new Map() };
    resources.set(resourceKey, resource);
    const scopeKey = JSON.stringify(span.scope);
    const scope = resource.scopes.get(scopeKey) ?? { scope: span.scope, spans: [] };
    resource.scopes.set(scopeKey, scope);
    scope.spans.push({
      traceId: span.traceId,
      spanId: span.spanId,
      ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
      ...(span.traceState ? { traceState: span.traceState } : {}),
      ...(span.flags !== undefined ? { flags: span.flags } : {}),
      name: span.name,
      kind: KINDS.indexOf(span.kind),
      startTimeUnixNano: span.startTimeUnixNano,
      endTimeUnixNano: span.endTimeUnixNano,
      attributes: keyValues(span.attributes),
      ...(span.droppedAttributesCount ? { droppedAttributesCount: span.droppedAttributesCount } : {}),
      events: span.events.map((event) => ({ ...event, attributes: keyValues(event.attributes) })),
      links: span.links.map((link) => ({ ...link, attributes: keyValues(link.attributes) })),
      status: {
        code: STATUS_CODES.indexOf(span.status.code),
        ...(span.status.message ? { message: span.status.message } : {}),
      },
    });
  }
  return {
    resourceSpans: [...resources.values()].map(({ resource, scopes }) => ({
      resource: { attributes: keyValues(resource) },
      scopeSpans: [...scopes.values()].map(({ scope, spans: scoped }) => ({ scope, spans: scoped })),
    })),
  };
}

/** BatchGetTraces' answer for one trace: its assembled documents as JSON text, Duration in seconds. */
export function toBatchGetTraces(traceId: string, documents: XraySegmentDocument[]): object {
  const starts = documents.map((document) => document.start_time);
  const ends = documents.map((document) => document.end_time ?? document.start_time);
  const duration = documents.length === 0 ? 0 : Math.max(...ends) - Math.min(...starts);
  return {
    Traces: [
      {
        Id: toXrayTraceId(traceId),
        Duration: Math.round(duration * 1000) / 1000,
        LimitExceeded: false,
        Segments: documents.map((document) => ({ Id: document.id, Document: JSON.stringify(document) })),
      },
    ],
    UnprocessedTraceIds: [],
  };
}
