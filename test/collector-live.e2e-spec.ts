import { CollectorProcess } from './support/collector';
import { type ErrorBody, request } from './support/http';
import { hex, newTraceId, otlpRequest, postSpans } from './support/otlp-json';

interface LiveEvent {
  event: string;
  data: string;
}

/** A server-sent events reader over fetch's streamed body, as EventSource parses the stream. */
class EventStream {
  readonly events: LiveEvent[] = [];
  readonly comments: string[] = [];
  private buffer = '';
  private waiters: Array<() => void> = [];

  private constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {}

  static async open(url: string): Promise<EventStream> {
    const controller = new AbortController();
    const response = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
    const stream = new EventStream(response, controller);
    if (response.ok) stream.ended = stream.read();
    return stream;
  }

  /** Settles when the server ends the stream. */
  ended: Promise<void> = Promise.resolve();

  private async read(): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of this.response.body as unknown as AsyncIterable<Uint8Array>) {
        this.buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          const block = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) this.events.push({ event, data: data.join('\n') });
          for (const wake of this.waiters.splice(0)) wake();
        }
      }
    } catch {
      // Aborted by close().
    }
  }

  /** Waits until `probe` finds something among the events received. */
  async until<T>(probe: (events: LiveEvent[]) => T | undefined, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe(this.events);
      if (found !== undefined) return found;
      if (Date.now() > deadline)
        throw new Error(`no such event within ${timeoutMs} ms: ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  close(): void {
    this.controller.abort();
  }
}

const span = (spanId: string, parentSpanId?: string) => ({
  service: 'gateway',
  spanId,
  parentSpanId,
  name: `op-${spanId}`,
  kind: 'INTERNAL' as const,
  startMs: Date.now() - 100,
  endMs: Date.now() - 50,
});

describe('collector: GET /api/live streams the trace list as server-sent events', () => {
  let collector: CollectorProcess;
  const liveUrl = () => `${collector.url}/api/live`;

  beforeAll(async () => {
    // A short heartbeat (15 s by default), so the test can wait for two.
    collector = await CollectorProcess.start({ COLLECTOR_LIVE_HEARTBEAT_MS: '300' });
  });

  afterAll(async () => {
    expect(await collector?.stop()).toBe(0);
  });

  it('sends a trace event when a trace is first stored, then updated events, coalesced', async () => {
    const stream = await EventStream.open(liveUrl());
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const traceId = newTraceId();
    const root = hex(8);
    await postSpans(collector.url, traceId, [span(root)]);
    const first = await stream.until((events) =>
      events.find((e) => e.event === 'trace' && (JSON.parse(e.data) as { traceId: string }).traceId === traceId),
    );
    expect(JSON.parse(first.data)).toMatchObject({ traceId, spanCount: 1, rootService: 'gateway', health: 'ok' });
    // Twenty quick writes to the same trace: fewer events than writes, the last one with every span.
    for (let i = 0; i < 20; i++) await postSpans(collector.url, traceId, [span(hex(8), root)]);
    const last = await stream.until((events) =>
      events.find((e) => e.event === 'updated' && (JSON.parse(e.data) as { spanCount: number }).spanCount === 21),
    );
    expect(JSON.parse(last.data)).toMatchObject({ traceId });
    const updates = stream.events.filter((e) => e.event === 'updated');
    expect(updates.length).toBeLessThan(20);
    expect(stream.comments[0]).toMatch(/connected/);
    stream.close();
  });

  it('keeps an idle stream open with heartbeat comments', async () => {
    const stream = await EventStream.open(liveUrl());
    const started = stream.comments.length;
    await stream.until(() =>
      stream.comments.slice(started).filter((c) => c.startsWith('heartbeat')).length >= 2 ? true : undefined,
    );
    stream.close();
  });

  it('drops the oldest pending traces beyond its bound, and says how many', async () => {
    const stream = await EventStream.open(liveUrl());
    // 700 new traces in one request: more than a client may have pending (500).
    const resourceSpans = Array.from(
      { length: 700 },
      () => (otlpRequest(newTraceId(), [span(hex(8))]) as { resourceSpans: object[] }).resourceSpans[0],
    );
    expect((await request(`${collector.url}/v1/traces`, { body: { resourceSpans } })).status).toBe(200);
    const dropped = await stream.until((events) => events.find((e) => e.event === 'dropped'));
    expect(JSON.parse(dropped.data)).toEqual({ count: 200 });
    await stream.until((events) => (events.filter((e) => e.event === 'trace').length === 500 ? true : undefined));
    const stats = await request<{ live: { droppedEvents: number } }>(`${collector.url}/api/stats`);
    // At least this client's (a stream closed by the previous test may not be gone yet).
    expect(stats.body.live.droppedEvents).toBeGreaterThanOrEqual(200);
    stream.close();
  });

  it('refuses more than 20 clients with 503 and a message, and admits again once one leaves', async () => {
    const streams = await Promise.all(Array.from({ length: 20 }, () => EventStream.open(liveUrl())));
    expect(streams.map((s) => s.response.status)).toEqual(Array(20).fill(200));
    const refused = await request<ErrorBody>(liveUrl());
    expect(refused.status).toBe(503);
    expect(refused.body.message).toBe('at most 20 live clients at once; close another stream or retry later');
    streams[0].close();
    const again = await (async () => {
      for (let i = 0; i < 50; i++) {
        const stream = await EventStream.open(liveUrl());
        if (stream.response.status === 200) return stream;
        await stream.response.text();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return undefined;
    })();
    expect(again?.response.status).toBe(200);
    for (const stream of [...streams.slice(1), again]) stream?.close();
  });

  it('ends open streams when the collector stops, so that it exits cleanly', async () => {
    const another = await CollectorProcess.start();
    const stream = await EventStream.open(`${another.url}/api/live`);
    expect(stream.response.status).toBe(200);
    expect(await another.stop()).toBe(0);
    await expect(stream.ended).resolves.toBeUndefined();
  });
});
