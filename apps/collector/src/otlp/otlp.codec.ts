import protobuf from 'protobufjs';
import { OTLP_PROTO_SOURCES } from './otlp.proto';
import { assertProtobufDepth } from './protobuf-depth';

const root = new protobuf.Root();
for (const source of OTLP_PROTO_SOURCES) protobuf.parse(source, root, { keepCase: false });
root.resolveAll();

const TRACES_REQUEST = root.lookupType('opentelemetry.proto.collector.v1.ExportTraceServiceRequest');
const TRACES_RESPONSE = root.lookupType('opentelemetry.proto.collector.v1.ExportTraceServiceResponse');
const LOGS_REQUEST = root.lookupType('opentelemetry.proto.collector.v1.ExportLogsServiceRequest');
const LOGS_RESPONSE = root.lookupType('opentelemetry.proto.collector.v1.ExportLogsServiceResponse');
const RPC_STATUS = root.lookupType('google.rpc.Status');

/** Plain-object form of a decoded message: camelCase names, 64-bit integers as decimal strings, bytes as base64. */
export type DecodedMessage = Record<string, unknown>;

const TO_OBJECT: protobuf.IConversionOptions = {
  longs: String,
  enums: Number,
  bytes: String,
  defaults: false,
  arrays: true,
};

function decode(type: protobuf.Type, bytes: Uint8Array): DecodedMessage {
  assertProtobufDepth(type, bytes);
  return type.toObject(type.decode(bytes), TO_OBJECT);
}

/**
 * Decodes a binary ExportTraceServiceRequest; throws protobufjs's error on bytes that are not one, and
 * ProtobufTooDeepError on messages nested deeper than MAX_JSON_DEPTH.
 */
export function decodeTracesRequest(bytes: Uint8Array): DecodedMessage {
  return decode(TRACES_REQUEST, bytes);
}

/** Decodes a binary ExportLogsServiceRequest. */
export function decodeLogsRequest(bytes: Uint8Array): DecodedMessage {
  return decode(LOGS_REQUEST, bytes);
}

export interface PartialSuccess {
  rejected: number;
  errorMessage: string;
}

/** Encodes an ExportTraceServiceResponse; `partial` is left out when nothing was rejected, as the spec asks. */
export function encodeTracesResponse(partial?: PartialSuccess): Uint8Array {
  const body = partial
    ? { partialSuccess: { rejectedSpans: partial.rejected, errorMessage: partial.errorMessage } }
    : {};
  return TRACES_RESPONSE.encode(TRACES_RESPONSE.fromObject(body)).finish();
}

/** Encodes an ExportLogsServiceResponse. */
export function encodeLogsResponse(partial?: PartialSuccess): Uint8Array {
  const body = partial
    ? { partialSuccess: { rejectedLogRecords: partial.rejected, errorMessage: partial.errorMessage } }
    : {};
  return LOGS_RESPONSE.encode(LOGS_RESPONSE.fromObject(body)).finish();
}

/** Encodes a google.rpc.Status, the body of an OTLP error answer in protobuf. */
export function encodeRpcStatus(code: number, message: string): Uint8Array {
  return RPC_STATUS.encode(RPC_STATUS.fromObject({ code, message })).finish();
}
