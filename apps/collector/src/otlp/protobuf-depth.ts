import { MAX_JSON_DEPTH } from '@app/common';
import protobuf from 'protobufjs';

/** A protobuf message that nests deeper than the limit: the OTLP receiver answers 400 with this message. */
export class ProtobufTooDeepError extends Error {
  override name = 'ProtobufTooDeepError';

  constructor(
    readonly maxDepth: number,
    readonly position: number,
  ) {
    super(`protobuf message nests deeper than ${maxDepth} levels (at byte ${position})`);
  }
}

/** A message being scanned: its type and the offset where its bytes end. */
interface Frame {
  type: protobuf.Type;
  end: number;
}

/**
 * Throws {@link ProtobufTooDeepError} when `bytes`, read as a `type`, nest
 * more than `maxDepth` messages inside one another (an OTLP `AnyValue` holding
 * an `ArrayValue` holding an `AnyValue`…). It is the protobuf side of the one
 * nesting limit of the collector (`MAX_JSON_DEPTH`, checked before any
 * recursive walk): one pass with an explicit stack, reading only tags and
 * lengths, so that the recursive decoder and readers that follow never see
 * deeper input. It does not validate the message (the decoder that follows does).
 */
export function assertProtobufDepth(type: protobuf.Type, bytes: Uint8Array, maxDepth: number = MAX_JSON_DEPTH): void {
  const reader = protobuf.Reader.create(bytes);
  const stack: Frame[] = [{ type, end: bytes.length }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (reader.pos >= frame.end) {
      stack.pop();
      continue;
    }
    const tag = reader.uint32();
    const wireType = tag & 7;
    const inner = frame.type.fieldsById[tag >>> 3]?.resolvedType;
    if (wireType === 2 && inner instanceof protobuf.Type) {
      const length = reader.uint32();
      if (stack.length >= maxDepth) throw new ProtobufTooDeepError(maxDepth, reader.pos);
      stack.push({ type: inner, end: reader.pos + length });
    } else {
      reader.skipType(wireType);
    }
  }
}
