import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { CollectorProcess } from './support/collector';
import { request } from './support/http';
import { type SpanSpec, hex, newTraceId, otlpRequest, postSpans } from './support/otlp-json';

/** Figures printed, not asserted: the machine is shared, timings vary. */
describe('the trace explorer page with 5,000 traces held', () => {
  let collector: CollectorProcess;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let bigTraceId = '';

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    const now = Date.now() - 60_000;
    const services = ['gateway', 'activities', 'notifications'];
    for (let batch = 0; batch < 50; batch++) {
      const resourceSpans: object[] = [];
      for (let i = 0; i < 100; i++) {
        const traceId = newTraceId();
        const start = now + (batch * 100 + i) * 10;
        const root = hex(8);
        const call = hex(8);
        const spans: SpanSpec[] = [
          {
            service: 'gateway',
            spanId: root,
            name: 'GET /api/activities/home',
            kind: 'SERVER' as const,
            startMs: start,
            endMs: start + 20 + (i % 7),
          },
          {
            service: 'gateway',
            spanId: call,
            parentSpanId: root,
            name: 'GET activities',
            kind: 'CLIENT' as const,
            startMs: start + 2,
            endMs: start + 15,
            attributes: { 'http.request.method': 'GET', 'peer.service': 'activities' },
          },
          {
            service: services[1],
            spanId: hex(8),
            parentSpanId: call,
            name: 'GET /api/activities/home',
            kind: 'SERVER' as const,
            startMs: start + 3,
            endMs: start + 14,
            attributes: { 'http.request.method': 'GET' },
          },
          {
            service: services[2],
            spanId: hex(8),
            parentSpanId: root,
            name: 'notifications.list',
            kind: 'SERVER' as const,
            startMs: start + 15,
            endMs: start + 19,
            attributes: { 'rpc.system': 'nestjs_tcp' },
          },
        ];
        resourceSpans.push(...(otlpRequest(traceId, spans) as { resourceSpans: object[] }).resourceSpans);
      }
      const answer = await request(`${collector.url}/v1/traces`, { body: { resourceSpans } });
      expect(answer.status).toBe(200);
    }
    bigTraceId = newTraceId();
    const ids = Array.from({ length: 200 }, () => hex(8));
    const start = Date.now() - 10_000;
    await postSpans(
      collector.url,
      bigTraceId,
      ids.map((spanId, i) => ({
        service: services[i % 3],
        spanId,
        parentSpanId: i === 0 ? undefined : ids[Math.floor((i - 1) / 3)],
        name: `step ${i}`,
        kind: i === 0 ? ('SERVER' as const) : ('INTERNAL' as const),
        startMs: start + i,
        endMs: start + 400 - i,
      })),
    );
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
  });

  it('prints the time to render the map, the trace list and a 200-span trace', async () => {
    const page = await browser.context.newPage();
    const time = async (hash: string, ready: () => Promise<unknown>) => {
      await page.goto('about:blank');
      const started = performance.now();
      await page.goto(`${collector.url}/${hash}`);
      await ready();
      return Math.round(performance.now() - started);
    };
    const { body: stats } = await request<{ stores: { traces: { traces?: number; size?: number } } }>(
      `${collector.url}/api/stats`,
    );
    // The default window (15 min) holds every trace posted above; the traces came over OTLP only, so the OTel map.
    const map = await time('#/map', async () => {
      await page.getByTestId('map-otel').click();
      await page.locator('[data-testid="map-node"][data-name="notifications"]').waitFor({ timeout: 30_000 });
    });
    const allStarted = performance.now();
    await page.getByTestId('window-all').click();
    await page.locator('.map-view [data-testid="window-all"].on').waitFor();
    await page.locator('[data-testid="map-node"][data-name="notifications"]').waitFor({ timeout: 30_000 });
    const mapAll = Math.round(performance.now() - allStarted);
    const list = await time('#/traces', () => page.getByTestId('trace-row').nth(199).waitFor({ timeout: 30_000 }));
    const detail = await time(`#/trace/${bigTraceId}`, () =>
      page.locator('[data-testid="waterfall-otel"] [data-testid="span-row"]').nth(199).waitFor({ timeout: 30_000 }),
    );
    const mapApiStarted = performance.now();
    await request(`${collector.url}/api/map?window=all`);
    const mapApi = Math.round(performance.now() - mapApiStarted);
    console.log(
      `trace explorer with ${JSON.stringify(stats.stores.traces)} held: map ${map} ms (then window "all" ${mapAll} ms; GET /api/map?window=all alone ${mapApi} ms), ` +
        `trace list (200 rows + scatter) ${list} ms, 200-span trace ${detail} ms`,
    );
    expect(await page.locator('[data-testid="waterfall-otel"] [data-testid="span-row"]').count()).toBe(200);
  });
});
