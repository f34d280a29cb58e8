import { Writable } from 'node:stream';

/** A console stream for specs: keeps every line written. */
export class CapturedStream extends Writable {
  readonly lines: string[] = [];
  isTTY = false;

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.lines.push(...chunk.toString().split('\n').filter(Boolean));
    callback();
  }

  /** Every line parsed as JSON. */
  json(): Array<Record<string, unknown>> {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

/** Lets winston's streams deliver what was logged. */
export const settle = () => new Promise((resolve) => setImmediate(resolve));
