import type { OtelSpan, SpanKindName, StatusCodeName } from '../store/otel-span';
import { type EnvelopeContext, type ReadResult, readEnvelope } from './otlp-envelope.reader';
import {
  type IdEncoding,
  type Json,
  OtlpItemError,
  OtlpRequestError,
  attributes,
  field,
  id,
  isObject,
  list,
  optionalString,
  uint32,
  uint64,
} from './otlp-values';

const KINDS: SpanKindName[] = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const STATUS_CODES: StatusCodeName[] = ['UNSET', 'OK', 'ERROR'];

/** An enum given as its number or, as proto3 JSON allows, its full name (`SPAN_KIND_SERVER`). */
function enumValue<T extends string>(object: Json, camel: string, names: T[], prefix: string, where: string): T {
  const value = field(object, camel);
  if (value === undefined || value === null) return names[0];
  if (typeof value === 'number' && Number.isInteger(value) && names[value] !== undefined) return names[value];
  if (typeof value === 'string' && value.startsWith(prefix) && names.includes(value.slice(prefix.length) as T)) {
    return value.slice(prefix.length) as T;
  }
  throw new OtlpItemError(
    `${where}.${camel} must be one of ${names.map((n, i) => `${i} (${prefix}${n})`).join(', ')}, got ${JSON.stringify(value)}`,
  );
}

function readSpan(raw: Json, encoding: IdEncoding, where: string, context: EnvelopeContext): OtelSpan {
  const traceId = id(raw, 'traceId', 16, encoding, where);
  const spanId = id(raw, 'spanId', 8, encoding, where);
  if (!traceId) throw new OtlpItemError(`${where}.traceId is required`);
  if (!spanId) throw new OtlpItemError(`${where}.spanId is required`);
  const startTimeUnixNano = uint64(raw, 'startTimeUnixNano', where);
  const endTimeUnixNano = uint64(raw, 'endTimeUnixNano', where);
  if (BigInt(endTimeUnixNano) < BigInt(startTimeUnixNano)) {
    throw new OtlpItemError(`${where} ends (${endTimeUnixNano}) before it starts (${startTimeUnixNano})`);
  }
  const statusRaw = field(raw, 'status');
  if (statusRaw !== undefined && statusRaw !== null && !isObject(statusRaw))
    throw new OtlpItemError(`${where}.status must be an object`);
  const status = isObject(statusRaw)
    ? {
        code: enumValue(statusRaw, 'code', STATUS_CODES, 'STATUS_CODE_', `${where}.status`),
        message: optionalString(statusRaw, 'message', `${where}.status`),
      }
    : { code: 'UNSET' as const };
  const parentSpanId = id(raw, 'parentSpanId', 8, encoding, where);
  const traceState = optionalString(raw, 'traceState', where);
  const flags = uint32(raw, 'flags', where);
  const dropped = uint32(raw, 'droppedAttributesCount', where);
  let events: OtelSpan['events'];
  let links: OtelSpan['links'];
  try {
    events = list(raw, 'events', where).map((event, index) => ({
      timeUnixNano: uint64(event, 'timeUnixNano', `${where}.events[${index}]`),
      name: optionalString(event, 'name', `${where}.events[${index}]`) ?? '',
      attributes: attributes(event, 'attributes', `${where}.events[${index}]`),
    }));
    links = list(raw, 'links', where).map((link, index) => {
      const at = `${where}.links[${index}]`;
      const linkTrace = id(link, 'traceId', 16, encoding, at);
      const linkSpan = id(link, 'spanId', 8, encoding, at);
      if (!linkTrace || !linkSpan) throw new OtlpItemError(`${at} needs a traceId and a spanId`);
      const state = optionalString(link, 'traceState', at);
      return {
        traceId: linkTrace,
        spanId: linkSpan,
        ...(state ? { traceState: state } : {}),
        attributes: attributes(link, 'attributes', at),
      };
    });
  } catch (error) {
    // A malformed event or link spoils only its span.
    throw error instanceof OtlpRequestError ? new OtlpItemError(error.message) : error;
  }
  return {
    traceId,
    spanId,
    ...(parentSpanId ? { parentSpanId } : {}),
    ...(traceState ? { traceState } : {}),
    ...(flags !== undefined ? { flags } : {}),
    name: optionalString(raw, 'name', where) ?? '',
    kind: enumValue(raw, 'kind', KINDS, 'SPAN_KIND_', where),
    startTimeUnixNano,
    endTimeUnixNano,
    attributes: attributes(raw, 'attributes', where),
    ...(dropped ? { droppedAttributesCount: dropped } : {}),
    events,
    links,
    status: status.message ? status : { code: status.code },
    ...context,
  };
}

const TRACES = {
  request: 'ExportTraceServiceRequest',
  resources: 'resourceSpans',
  scopes: 'scopeSpans',
  items: 'spans',
};

/** Reads an ExportTraceServiceRequest (see readEnvelope for what is refused whole and what item by item). */
export function readTracesRequest(request: unknown, encoding: IdEncoding): ReadResult<OtelSpan> {
  return readEnvelope(request, TRACES, (span, where, context) => readSpan(span, encoding, where, context));
}
