import { randomFillSync } from 'node:crypto';
import type { IdGenerator } from '@opentelemetry/sdk-trace';

/**
 * Random bytes are drawn from the OS in blocks: one `randomFillSync` call per
 * ~200 spans instead of one per id, since ids are made on every span's path.
 */
const POOL_BYTES = 4096;
const ZERO_SPAN_ID = '0000000000000000';

/**
 * Ids that are valid in OpenTelemetry and in X-Ray at once: the trace id is
 * 8 hex digits of the current epoch second followed by 24 random hex digits,
 * so `1-<first 8>-<last 24>` is the X-Ray trace id of the same trace; span ids
 * are 16 random hex digits, never all zero. The random part comes from the
 * OS's CSPRNG, uniformly distributed.
 */
export class XrayIdGenerator implements IdGenerator {
  /**
   * The rightmost 7 bytes of every trace id (12, in fact) are random, as the
   * W3C random-trace-id flag requires: new traces may set it.
   */
  readonly randomTraceIds = true;

  private readonly pool = Buffer.allocUnsafe(POOL_BYTES);
  private offset = POOL_BYTES;

  /** @param now Clock in epoch milliseconds (tests pin it). */
  constructor(private readonly now: () => number = Date.now) {}

  generateTraceId(): string {
    // X-Ray reads the first 8 digits as the trace's start second; `>>> 0` keeps it unsigned 32-bit.
    const seconds = (Math.floor(this.now() / 1000) >>> 0).toString(16).padStart(8, '0');
    return seconds + this.randomHex(12);
  }

  generateSpanId(): string {
    let id = this.randomHex(8);
    while (id === ZERO_SPAN_ID) id = this.randomHex(8);
    return id;
  }

  private randomHex(bytes: number): string {
    if (this.offset + bytes > POOL_BYTES) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const hex = this.pool.toString('hex', this.offset, this.offset + bytes);
    this.offset += bytes;
    return hex;
  }
}
