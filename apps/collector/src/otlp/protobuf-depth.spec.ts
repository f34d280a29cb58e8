import protobuf from 'protobufjs';
import { decodeTracesRequest } from './otlp.codec';
import { ProtobufTooDeepError } from './protobuf-depth';

const LEN = 2;

/** An ExportTraceServiceRequest whose one span has an attribute of `levels` arrays one inside the other. */
function request(levels: number): Uint8Array {
  const message = (write: (writer: protobuf.Writer) => void) => {
    const writer = protobuf.Writer.create();
    write(writer);
    return writer.finish();
  };
  const field = (number: number, bytes: Uint8Array) => message((w) => w.uint32((number << 3) | LEN).bytes(bytes));
  let value = message((w) => w.uint32((1 << 3) | LEN).string('bottom'));
  for (let i = 0; i < levels; i++) value = field(5, field(1, value)); // AnyValue.array_value → ArrayValue.values
  const keyValue = message((w) =>
    w
      .uint32((1 << 3) | LEN)
      .string('deep')
      .uint32((2 << 3) | LEN)
      .bytes(value),
  );
  const span = message((w) =>
    w
      .uint32((1 << 3) | LEN)
      .bytes(Buffer.alloc(16, 1))
      .uint32((2 << 3) | LEN)
      .bytes(Buffer.alloc(8, 1))
      .uint32((9 << 3) | LEN)
      .bytes(keyValue),
  );
  return field(1, field(2, field(2, span))); // request.resource_spans → scope_spans → spans
}

describe('the OTLP protobuf nesting limit', () => {
  it('decodes messages nested as deep as real programs send them', () => {
    expect(() => decodeTracesRequest(request(20))).not.toThrow();
  });

  it('refuses a message nested deeper than MAX_JSON_DEPTH before protobufjs decodes it, saying where', () => {
    expect(() => decodeTracesRequest(request(3_000))).toThrow(ProtobufTooDeepError);
    expect(() => decodeTracesRequest(request(3_000))).toThrow(
      /^protobuf message nests deeper than 64 levels \(at byte \d+\)$/,
    );
  });
});
