import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import getRawBody from 'raw-body';
import { ProtocolError } from './protocol.error';

/** Shape of the errors raw-body raises (from the http-errors package). */
interface RawBodyError {
  type?: string;
  status?: number;
  message?: string;
}

// Bytes of each request's body as they came over the wire, for the intake record.
const wireBytes = new WeakMap<IncomingMessage, number>();

/** How many body bytes readBody took from the request's wire (before decompression); undefined if it never read it. */
export function bodyBytesOf(request: IncomingMessage): number | undefined {
  return wireBytes.get(request);
}

/**
 * Reads a request body as bytes: at most `limit` bytes after decompression
 * (gzip, deflate and br, as `Content-Encoding` says), so a small compressed
 * body cannot expand without bound. Errors are ProtocolErrors with a message
 * saying what is wrong: 413 too large, 415 unknown encoding, 400 corrupt or cut short.
 */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const encoding = String(request.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  let stream: Readable = request;
  let length: string | undefined = request.headers['content-length'];
  switch (encoding) {
    case 'identity':
    case '':
      break;
    case 'gzip':
    case 'x-gzip':
      stream = request.pipe(createGunzip());
      length = undefined;
      break;
    case 'deflate':
      stream = request.pipe(createInflate());
      length = undefined;
      break;
    case 'br':
      stream = request.pipe(createBrotliDecompress());
      length = undefined;
      break;
    default:
      request.resume();
      throw new ProtocolError(
        415,
        'UnsupportedMediaType',
        `Content-Encoding "${encoding}" is not supported (use gzip, deflate, br or none)`,
      );
  }
  wireBytes.set(request, 0);
  // A second 'data' listener beside raw-body's or pipe's: counting changes nothing of the reading.
  request.on('data', (chunk: Buffer) => wireBytes.set(request, (wireBytes.get(request) ?? 0) + chunk.length));
  try {
    return await getRawBody(stream, { limit, length });
  } catch (error) {
    const failure = error as RawBodyError;
    request.resume();
    if (stream !== request) stream.destroy();
    if (failure.type === 'entity.too.large') {
      throw new ProtocolError(413, 'PayloadTooLarge', `request body is larger than the limit of ${limit} bytes`);
    }
    if (failure.type === 'request.size.invalid') {
      throw new ProtocolError(400, 'BadRequest', 'request body is shorter or longer than its Content-Length');
    }
    if (failure.type === 'request.aborted') {
      throw new ProtocolError(400, 'BadRequest', 'request was aborted before its body was complete');
    }
    throw new ProtocolError(
      400,
      'BadRequest',
      `request body could not be decoded as ${encoding}: ${failure.message ?? String(error)}`,
    );
  }
}
