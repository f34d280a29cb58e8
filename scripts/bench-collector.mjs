// Benchmark of the collector's ingest, on this machine: OTLP/HTTP protobuf in
// spans per second and X-Ray daemon UDP in segments per second, then the
// collector's memory. Not a test: it prints figures (see apps/collector/README.md).
//   npm run bench:collector [-- --seconds 10 --connections 4]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import os from 'node:os';
import { freePort } from './free-port.mjs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { SpanKind, context, trace } from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { buildIfNeeded } from './build-if-needed.mjs';
import { entryOf } from './services.mjs';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '4' } },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const SPANS_PER_TRACE = 10;
const TRACES_PER_REQUEST = 20;
const BODIES = 50;

async function startCollector() {
  const [httpPort, daemonPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [entryOf('collector')], {
    env: {
      ...process.env,
      COLLECTOR_HTTP_PORT: String(httpPort),
      COLLECTOR_XRAY_DAEMON_PORT: String(daemonPort),
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${httpPort}`;
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(`${url}/api/stats`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, url, daemonPort };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('collector did not start');
}

/** Real OTLP protobuf requests, made by the OpenTelemetry SDK and its serializer: distinct traces in each. */
function otlpBodies() {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'bench', 'service.version': '1.0.0' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer('bench');
  const bodies = [];
  for (let b = 0; b < BODIES; b++) {
    exporter.reset();
    for (let t = 0; t < TRACES_PER_REQUEST; t++) {
      const root = tracer.startSpan('GET /api/activities/home', {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': 'GET', 'http.route': '/api/activities/home' },
      });
      const parent = trace.setSpan(context.active(), root);
      for (let s = 1; s < SPANS_PER_TRACE; s++) {
        tracer
          .startSpan(
            `child ${s}`,
            { kind: SpanKind.CLIENT, attributes: { 'app.index': s, 'app.note': 'x'.repeat(40) } },
            parent,
          )
          .end();
      }
      root.end();
    }
    bodies.push(Buffer.from(ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans())));
  }
  return bodies;
}

async function benchOtlp(url) {
  const bodies = otlpBodies();
  let next = 0;
  const result = await autocannon({
    url: `${url}/v1/traces`,
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf' },
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
  });
  const spansPerRequest = SPANS_PER_TRACE * TRACES_PER_REQUEST;
  return {
    requestsPerSecond: result.requests.average,
    spansPerSecond: Math.round((result['2xx'] * spansPerRequest) / SECONDS),
    bodyBytes: bodies[0].length,
    latencyP99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const stats = (url) => fetch(`${url}/api/stats`).then((r) => r.json());

/** Segment datagrams as the X-Ray SDK sends them: a segment with two subsegments, distinct traces. */
function datagrams(count) {
  const now = Date.now() / 1000;
  return Array.from({ length: count }, (_, i) => {
    const traceId = `1-${Math.floor(now).toString(16)}-${randomBytes(12).toString('hex')}`;
    const segment = {
      id: randomBytes(8).toString('hex'),
      trace_id: traceId,
      name: 'bench',
      start_time: now,
      end_time: now + 0.05,
      http: {
        request: { method: 'GET', url: `http://localhost:4567/api/activities/home?i=${i}` },
        response: { status: 200 },
      },
      annotations: { handle: 'andrewbrown' },
      subsegments: [1, 2].map((n) => ({
        id: randomBytes(8).toString('hex'),
        name: `sub ${n}`,
        start_time: now + 0.01,
        end_time: now + 0.02,
      })),
    };
    return Buffer.from(`{"format":"json","version":1}\n${JSON.stringify(segment)}`);
  });
}

async function benchUdp(url, port) {
  const before = (await stats(url)).protocols.xray_udp?.accepted ?? 0;
  const packets = datagrams(5000);
  const socket = createSocket('udp4');
  const send = (packet) => new Promise((resolve) => socket.send(packet, port, '127.0.0.1', resolve));
  const started = performance.now();
  let sent = 0;
  // Bursts of 64 awaited together: as fast as the socket takes them, for the set time.
  while (performance.now() - started < SECONDS * 1000) {
    await Promise.all(Array.from({ length: 64 }, () => send(packets[sent++ % packets.length])));
  }
  const elapsed = (performance.now() - started) / 1000;
  socket.close();
  let accepted = before;
  for (let last = -1; accepted !== last;) {
    last = accepted;
    await new Promise((resolve) => setTimeout(resolve, 300));
    accepted = (await stats(url)).protocols.xray_udp?.accepted ?? 0;
  }
  const kept = accepted - before;
  return {
    sent,
    accepted: kept,
    segmentsPerSecond: Math.round(kept / elapsed),
    lostPercent: Math.round(((sent - kept) / sent) * 1000) / 10,
  };
}

buildIfNeeded();
const collector = await startCollector();
try {
  console.log(
    `collector ingest benchmark: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${SECONDS} s per protocol`,
  );
  const otlp = await benchOtlp(collector.url);
  console.log(
    `OTLP/HTTP protobuf: ${otlp.spansPerSecond} spans/s (${Math.round(otlp.requestsPerSecond)} requests/s of ${SPANS_PER_TRACE * TRACES_PER_REQUEST} spans, ` +
      `${otlp.bodyBytes} bytes each; ${CONNECTIONS} connections; p99 ${otlp.latencyP99Ms} ms; ${otlp.errors} errors)`,
  );
  const udp = await benchUdp(collector.url, collector.daemonPort);
  console.log(
    `X-Ray daemon UDP: ${udp.segmentsPerSecond} segments/s kept (${udp.sent} sent, ${udp.accepted} kept, ${udp.lostPercent}% dropped by the kernel or the collector)`,
  );
  const end = await stats(collector.url);
  const mib = (bytes) => `${Math.round(bytes / 1048576)} MiB`;
  console.log(
    `collector memory at the end: rss ${mib(end.memory.rss)}, heap ${mib(end.memory.heapUsed)}; ` +
      `trace store ${end.stores.traces.traces}/${end.stores.traces.maxTraces} traces, ${mib(end.stores.traces.bytes)}, ${end.stores.traces.evictedTraces} evicted`,
  );
} finally {
  collector.child.kill('SIGTERM');
}
