import type { AttributeValue, Attributes } from '../store/otel-span';
import { type EnvelopeContext, type ReadResult, readEnvelope } from './otlp-envelope.reader';
import {
  type IdEncoding,
  type Json,
  OtlpItemError,
  anyValue,
  attributes,
  field,
  id,
  optionalString,
  uint32,
  uint64,
} from './otlp-values';

/** One OTLP log record as the collector keeps it. */
export interface OtlpLogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText?: string;
  body: AttributeValue;
  attributes: Attributes;
  traceId?: string;
  spanId?: string;
  flags?: number;
  eventName?: string;
  resource: Attributes;
  scope: { name: string; version?: string };
  serviceName: string;
}

function readRecord(raw: Json, encoding: IdEncoding, where: string, context: EnvelopeContext): OtlpLogRecord {
  const severity = field(raw, 'severityNumber');
  if (
    severity !== undefined &&
    severity !== null &&
    (typeof severity !== 'number' || !Number.isInteger(severity) || severity < 0 || severity > 24)
  ) {
    throw new OtlpItemError(`${where}.severityNumber must be an integer from 0 to 24, got ${JSON.stringify(severity)}`);
  }
  const traceId = id(raw, 'traceId', 16, encoding, where);
  const spanId = id(raw, 'spanId', 8, encoding, where);
  const severityText = optionalString(raw, 'severityText', where);
  const eventName = optionalString(raw, 'eventName', where);
  const flags = uint32(raw, 'flags', where);
  return {
    timeUnixNano: uint64(raw, 'timeUnixNano', where),
    observedTimeUnixNano: uint64(raw, 'observedTimeUnixNano', where),
    severityNumber: typeof severity === 'number' ? severity : 0,
    ...(severityText ? { severityText } : {}),
    body: anyValue(field(raw, 'body'), `${where}.body`),
    attributes: attributes(raw, 'attributes', where),
    ...(traceId ? { traceId } : {}),
    ...(spanId ? { spanId } : {}),
    ...(flags !== undefined ? { flags } : {}),
    ...(eventName ? { eventName } : {}),
    ...context,
  };
}

const LOGS = {
  request: 'ExportLogsServiceRequest',
  resources: 'resourceLogs',
  scopes: 'scopeLogs',
  items: 'logRecords',
};

/** Reads an ExportLogsServiceRequest (see readEnvelope for what is refused whole and what item by item). */
export function readLogsRequest(request: unknown, encoding: IdEncoding): ReadResult<OtlpLogRecord> {
  return readEnvelope(request, LOGS, (record, where, context) => readRecord(record, encoding, where, context));
}
