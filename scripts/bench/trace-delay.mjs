// How long after its response a trace is complete at the collector. Sends sampled requests at a
// steady low rate, notes each response's trace id (its traceresponse header) and the time its
// body ended; once nothing arrives any more, reads each trace from the collector
// (GET /api/traces/:id). Its `updatedAt` is when the collector stored the trace's last span or
// segment, on the same clock as this process: complete − response, per trace.
import { setTimeout as sleep } from 'node:timers/promises';
import { traceOf } from '../load/trace-id.mjs';
import { percentile } from './stats.mjs';

/** The services a request of each endpoint reaches (README, "Endpoints (gateway)"). */
const REACHES = {
  home: ['gateway', 'activities'],
  notifications: ['gateway', 'notifications', 'activities'],
  create: ['gateway', 'activities', 'notifications'],
};

async function readTrace(collectorUrl, traceId) {
  const response = await fetch(`${collectorUrl}/api/traces/${traceId}`);
  if (!response.ok) {
    await response.body?.cancel();
    return undefined;
  }
  const trace = await response.json();
  return { updatedAt: trace.updatedAt, services: trace.services, spans: trace.spanCount, segments: trace.segmentCount };
}

/**
 * `{ sent, complete, p50, p99, max }` in ms; `endpoints`: `[[name, endpoint]]` of endpoints.mjs,
 * taken in turn. Waits up to `settleMs` after the last response for the traces to stop changing
 * (the batch processor's delay, OTEL_BSP_SCHEDULE_DELAY, applies).
 */
export async function measureTraceDelay({
  baseUrl,
  collectorUrl,
  endpoints,
  count = 100,
  rate = 10,
  settleMs = 20_000,
}) {
  const sent = [];
  const startedAt = Date.now();
  for (let i = 0; i < count; i++) {
    await sleep(Math.max(0, startedAt + (i * 1000) / rate - Date.now()));
    const [name, endpoint] = endpoints[i % endpoints.length];
    try {
      const response = await fetch(`${baseUrl}${endpoint.path}`, {
        method: endpoint.method,
        headers: endpoint.headers,
        body: endpoint.body,
      });
      await response.arrayBuffer();
      const trace = traceOf(Object.fromEntries(response.headers));
      if (response.ok && trace?.sampled) sent.push({ name, traceId: trace.traceId, endedAt: Date.now() });
    } catch {
      // Counted as not complete below: sent, but no trace to wait for.
    }
  }
  // Until two reads a second apart see the same traces (and at least the batch delay has passed).
  const until = Date.now() + settleMs;
  let previous;
  await sleep(6000);
  for (;;) {
    const traces = await Promise.all(sent.map((request) => readTrace(collectorUrl, request.traceId)));
    const key = JSON.stringify(traces);
    if (key === previous || Date.now() > until) {
      const delays = sent.flatMap((request, i) => {
        const trace = traces[i];
        const whole = trace && REACHES[request.name].every((service) => trace.services?.includes(service));
        return whole ? [trace.updatedAt - request.endedAt] : [];
      });
      return {
        sent: count,
        complete: delays.length,
        p50: percentile(delays, 50),
        p99: percentile(delays, 99),
        max: delays.length ? Math.max(...delays) : undefined,
      };
    }
    previous = key;
    await sleep(1000);
  }
}
