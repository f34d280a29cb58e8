// What came back, kept in bounded memory however long the run (`--duration 0` runs for hours
// in docker compose): counters per endpoint and status, one latency histogram per endpoint
// (HDR: fixed size, 3 significant digits), the few slowest requests and the last failed ones.
import hdr from 'hdr-histogram-js';

/** The table's column for requests that ended without a response (timeout, connection error or close). */
export const NO_RESPONSE = 'error';

// Latencies in microseconds, so that sub-millisecond answers keep their precision, up to ten
// minutes; autocannon times a request out long before that.
const HIGHEST_US = 600_000_000;
const histogram = () =>
  hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_US, numberOfSignificantValueDigits: 3 });

export class Recorder {
  /** endpoint → (status or NO_RESPONSE) → count */
  #counts = new Map();
  #latency = new Map();
  #overall = histogram();
  #slowest = [];
  #failed = [];
  failedTotal = 0;
  /** Requests without a response, by why: `timeout`, `closed`, or the connection error's code. */
  transport = new Map();

  constructor({ slowest = 5, failed = 10 } = {}) {
    this.limits = { slowest, failed };
  }

  /** A response: `request` as the mix made it, with `status` and `trace` (from trace-id.mjs) added. */
  response(request, ms) {
    const us = Math.min(HIGHEST_US, Math.max(1, Math.round(ms * 1000)));
    // The same rounded figure everywhere, so the slowest request's latency is the maximum's, to the digit.
    const entry = { endpoint: request.endpoint, status: request.status, trace: request.trace, ms: us / 1000 };
    this.#count(request.endpoint, request.status);
    this.#overall.recordValue(us);
    if (!this.#latency.has(request.endpoint)) this.#latency.set(request.endpoint, histogram());
    this.#latency.get(request.endpoint).recordValue(us);
    // The slowest few, slowest first; most responses are faster than the last of them and stop here.
    if (this.#slowest.length < this.limits.slowest || entry.ms > this.#slowest.at(-1).ms) {
      this.#slowest.push(entry);
      this.#slowest.sort((a, b) => b.ms - a.ms);
      this.#slowest.length = Math.min(this.#slowest.length, this.limits.slowest);
    }
    // 5xx only: the mix's 404s and 422s are the API doing its job.
    if (request.status >= 500) this.#fail(entry);
  }

  /** A request that got no response; `why` is `timeout`, `closed` or an error code (ECONNRESET). */
  noResponse(request, why) {
    this.#count(request.endpoint, NO_RESPONSE);
    this.transport.set(why, (this.transport.get(why) ?? 0) + 1);
    this.#fail({ endpoint: request.endpoint, why });
  }

  #count(endpoint, column) {
    if (!this.#counts.has(endpoint)) this.#counts.set(endpoint, new Map());
    const row = this.#counts.get(endpoint);
    row.set(column, (row.get(column) ?? 0) + 1);
  }

  #fail(entry) {
    this.failedTotal += 1;
    this.#failed.push(entry);
    if (this.#failed.length > this.limits.failed) this.#failed.shift();
  }

  /** Requests recorded so far (responses and requests without one). */
  get total() {
    return this.#overall.totalCount + [...this.transport.values()].reduce((sum, n) => sum + n, 0);
  }

  /** Everything the summary shows; latencies in milliseconds. */
  snapshot() {
    // A percentile is the top of its HDR bucket, which can lie a hair above the exact maximum.
    const percentiles = (h) => {
      if (h.totalCount === 0) return undefined;
      const at = (p) => Math.min(h.getValueAtPercentile(p), h.maxValue) / 1000;
      return { p50: at(50), p90: at(90), p99: at(99), max: h.maxValue / 1000 };
    };
    return {
      total: this.total,
      counts: this.#counts,
      latency: percentiles(this.#overall),
      latencyByEndpoint: new Map([...this.#latency].map(([endpoint, h]) => [endpoint, percentiles(h)])),
      transport: this.transport,
      slowest: [...this.#slowest],
      failed: [...this.#failed],
      failedTotal: this.failedTotal,
    };
  }
}
