import type { AttributeValue, Attributes } from '../store/otel-span';
import type { ReadResult } from './otlp-traces.reader';
import {
  type IdEncoding,
  type Json,
  OtlpItemError,
  OtlpRequestError,
  anyValue,
  attributes,
  field,
  id,
  isObject,
  list,
  optionalString,
  resourceOf,
  scopeOf,
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

function readRecord(raw: Json, encoding: IdEncoding, where: string, context: Pick<OtlpLogRecord, 'resource' | 'scope' | 'serviceName'>): OtlpLogRecord {
  const severity = field(raw, 'severityNumber');
  if (severity !== undefined && severity !== null && (typeof severity !== 'number' || !Number.isInteger(severity) || severity < 0 || severity > 24)) {
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

/** Reads an ExportLogsServiceRequest in its JSON shape; same error rules as readTracesRequest. */
export function readLogsRequest(request: unknown, encoding: IdEncoding): ReadResult<OtlpLogRecord> {
  if (!isObject(request)) throw new OtlpRequestError('the request must be an ExportLogsServiceRequest object');
  const result: ReadResult<OtlpLogRecord> = { items: [], rejected: 0, errors: [] };
  list(request, 'resourceLogs', 'request').forEach((resourceLogs, r) => {
    const where = `resourceLogs[${r}]`;
    const { resource, serviceName } = resourceOf(resourceLogs, where);
    list(resourceLogs, 'scopeLogs', where).forEach((scopeLogs, s) => {
      const scope = scopeOf(scopeLogs, `${where}.scopeLogs[${s}]`);
      list(scopeLogs, 'logRecords', `${where}.scopeLogs[${s}]`).forEach((record, i) => {
        try {
          result.items.push(readRecord(record, encoding, `${where}.scopeLogs[${s}].logRecords[${i}]`, { resource, serviceName, scope }));
        } catch (error) {
          if (!(error instanceof OtlpItemError)) throw error;
          result.rejected += 1;
          if (result.errors.length < 5) result.errors.push(error.message);
        }
      });
    });
  });
  return result;
}

