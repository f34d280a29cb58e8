import { Writable } from 'node:stream';

/** A console stream for specs, keeping every line written. */
export interface CapturedStream {
  stream: NodeJS.WritableStream & { isTTY: boolean };
  lines: string[];
  /** Every line parsed as JSON. */
  json(): Array<Record<string, unknown>>;
}

/**
 * A stream that records lines (a factory, not an exported class: a stream
 * class would export Node's `any`-typed stream methods).
 */
export function captureStream(isTTY = false): CapturedStream {
  const lines: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        callback();
      },
    }),
    { isTTY },
  );
  return { stream, lines, json: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** Lets winston's streams deliver what was logged. */
export const settle = () => new Promise((resolve) => setImmediate(resolve));
