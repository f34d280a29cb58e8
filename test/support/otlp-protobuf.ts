import protobuf from 'protobufjs';

/** A span to encode: ids as hex, times in epoch milliseconds. */
export interface ProtobufSpanSpec {
  service: string;
  traceId: string;
  spanId: string;
  name: string;
  startMs: number;
  endMs: number;
  /** Nests one attribute (`deep`) this many `arrayValue`s deep; 0 or absent: no such attribute. */
  nestedArrays?: number;
}

const LEN = 2;
const FIXED64 = 1;
const VARINT = 0;
const tag = (field: number, wireType: number) => (field << 3) | wireType;
const nanos = (ms: number) => protobuf.util.LongBits.fromNumber(ms * 1e6);

function message(write: (writer: protobuf.Writer) => void): Uint8Array {
  const writer = protobuf.Writer.create();
  write(writer);
  return writer.finish();
}

/** An AnyValue holding `levels` ArrayValues one inside the other (the innermost empty), built from the inside out. */
function nestedArrays(levels: number): Uint8Array {
  let value = message((w) => w.uint32(tag(1, LEN)).string('bottom')); // AnyValue { string_value }
  for (let i = 0; i < levels; i++) {
    const array = message((w) => w.uint32(tag(1, LEN)).bytes(value)); // ArrayValue { values = 1 }
    value = message((w) => w.uint32(tag(5, LEN)).bytes(array)); // AnyValue { array_value = 5 }
  }
  return value;
}

const keyValue = (key: string, value: Uint8Array) =>
  message((w) => w.uint32(tag(1, LEN)).string(key).uint32(tag(2, LEN)).bytes(value));

/**
 * A binary OTLP ExportTraceServiceRequest, written field by field from the
 * opentelemetry-proto definitions (not from the collector's), so that a test
 * can send what no SDK would: attributes nested thousands of levels deep.
 */
export function otlpProtobufRequest(spans: ProtobufSpanSpec[]): Uint8Array {
  return message((request) => {
    for (const spec of spans) {
      const span = message((w) => {
        w.uint32(tag(1, LEN)).bytes(Buffer.from(spec.traceId, 'hex'));
        w.uint32(tag(2, LEN)).bytes(Buffer.from(spec.spanId, 'hex'));
        w.uint32(tag(5, LEN)).string(spec.name);
        w.uint32(tag(6, VARINT)).uint32(2); // SPAN_KIND_SERVER
        const [start, end] = [nanos(spec.startMs), nanos(spec.endMs)];
        w.uint32(tag(7, FIXED64)).fixed32(start.lo).fixed32(start.hi);
        w.uint32(tag(8, FIXED64)).fixed32(end.lo).fixed32(end.hi);
        if (spec.nestedArrays) w.uint32(tag(9, LEN)).bytes(keyValue('deep', nestedArrays(spec.nestedArrays)));
      });
      const scopeSpans = message((w) => w.uint32(tag(2, LEN)).bytes(span));
      const serviceName = keyValue(
        'service.name',
        message((w) => w.uint32(tag(1, LEN)).string(spec.service)),
      );
      const resource = message((w) => w.uint32(tag(1, LEN)).bytes(serviceName));
      const resourceSpans = message((w) => w.uint32(tag(1, LEN)).bytes(resource).uint32(tag(2, LEN)).bytes(scopeSpans));
      request.uint32(tag(1, LEN)).bytes(resourceSpans);
    }
  });
}
