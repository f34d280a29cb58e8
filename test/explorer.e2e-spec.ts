import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { CollectorProcess } from './support/collector';
import { eventually, request } from './support/http';
import { hex, newTraceId, postSpans, sendSegments, xrayIdOf } from './support/otlp-json';
import { Suite } from './support/suite';
import { settledTrace, traceIdOf } from './support/traces';

const CLOUD_IS_FUN = '68f126b0-1ceb-4a33-88be-d90fa7109eee';
// Every run saves its screenshots; UPDATE_SCREENSHOTS=1 writes them over the README's (docs/screenshots),
// so that an ordinary test run leaves the working tree as it was.
const SCREENSHOTS = path.resolve(
  __dirname,
  '..',
  process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-output/screenshots',
);

/** The collector's trace explorer page, driven in Chromium against the whole suite. */
describe('the trace explorer page', () => {
  let collector: CollectorProcess;
  let suite: Suite;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  const url = (p: string) => `${suite.baseUrl}${p}`;
  const sent: Record<'home' | 'homeAgain' | 'notifications' | 'mention' | 'reply' | 'notFound' | 'failing', string> =
    {} as never;
  let mentionTraceresponse = '';

  const open = async (hash: string) => {
    await page.goto(`${collector.url}/${hash}`);
  };

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    suite = await Suite.start(
      {
        ROLLBAR_ACCESS_TOKEN: 'local-token',
        CLOUDWATCH_UPLOAD_INTERVAL_MS: '200',
      },
      { otlpUrl: collector.url, daemonAddress: collector.daemonAddress },
    );
    browser = await launchBrowser();
    page = await browser.context.newPage();
    mkdirSync(SCREENSHOTS, { recursive: true });

    const send = async (name: keyof typeof sent, response: Promise<Response>, status: number) => {
      const answer = await response;
      await answer.arrayBuffer();
      expect(answer.status).toBe(status);
      sent[name] = traceIdOf(answer.headers).traceId;
      return answer;
    };
    const json = (body: object) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await send('home', fetch(url('/api/activities/home')), 200);
    await send('notifications', fetch(url('/api/activities/notifications')), 200);
    const mention = await send(
      'mention',
      fetch(url('/api/activities'), json({ handle: 'worf', message: 'Qapla, @garek!', ttl: '1-day' })),
      201,
    );
    mentionTraceresponse = mention.headers.get('traceresponse') ?? '';
    await send(
      'reply',
      fetch(url(`/api/activities/${CLOUD_IS_FUN}/reply`), json({ handle: 'garek', message: 'Hi' })),
      201,
    );
    await send('notFound', fetch(url('/api/activities/@nobody_at_all')), 404);
    await send('homeAgain', fetch(url('/api/activities/home')), 200);
    // An erroring request: with notifications down the gateway answers 503 and reports to Rollbar.
    await suite.services.notifications.stop();
    await send('failing', fetch(url('/api/activities/notifications')), 503);
    await suite.services.notifications.start();
    await settledTrace(collector.url, sent.mention, 10);
    for (const name of ['home', 'notifications', 'reply', 'notFound', 'homeAgain'] as const)
      await settledTrace(collector.url, sent[name], 2);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.stop();
    await collector?.stop();
  });

  it('serves the page at / with a strict Content-Security-Policy, and the read API as before', async () => {
    const index = await fetch(`${collector.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('<script type="module" src="app.js">');
    expect((await fetch(`${collector.url}/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await request(`${collector.url}/api/traces/${sent.home}`)).status).toBe(200);
    // CloudWatch Logs' JSON 1.1 protocol posts to / itself: still answered by the collector's controller.
    const logs = await fetch(`${collector.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DescribeLogGroups' },
      body: '{}',
    });
    expect(logs.status).toBe(200);
    expect(await logs.json()).toHaveProperty('logGroups');
    const missing = await fetch(`${collector.url}/no-such-file.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBeNull();
  });

  it('the map shows gateway, activities and notifications, with HTTP and TCP edges in the right directions', async () => {
    await open('#/map');
    await page.getByTestId('window-all').click();
    for (const name of ['gateway', 'activities', 'notifications'])
      await page.locator(`[data-testid="map-node"][data-name="${name}"]`).waitFor();
    const edges = await page
      .getByTestId('map-edge')
      .evaluateAll((nodes) =>
        nodes.map(
          (node) =>
            `${node.getAttribute('data-from')}->${node.getAttribute('data-to')} ${node.querySelector('[data-testid="edge-transport"]')?.textContent}`,
        ),
      );
    expect(edges).toEqual(
      expect.arrayContaining([
        'gateway->activities HTTP',
        'gateway->notifications TCP (request)',
        'activities->notifications TCP (event)',
      ]),
    );
    expect(edges).not.toContain('activities->gateway HTTP');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'map.png'), fullPage: true });
    // A node's traces.
    await page.locator('[data-testid="map-node"][data-name="notifications"]').click();
    await page.locator(`[data-testid="map-selection"] [data-trace-id="${sent.mention}"]`).waitFor();
  });

  it('pasting a traceresponse header opens that trace: all three services in parent order, critical path marked', async () => {
    await open('#/traces');
    await page.getByTestId('trace-id-input').fill(mentionTraceresponse);
    await page.getByTestId('trace-id-input').press('Enter');
    await page.waitForURL(`**/#/trace/${sent.mention}`);
    const rows = page.locator('[data-testid="waterfall-otel"] [data-testid="span-row"]');
    await rows.first().waitFor();
    const shown = await rows.evaluateAll((nodes) =>
      nodes.map((node) => ({
        id: node.getAttribute('data-span-id') ?? '',
        service: node.getAttribute('data-service') ?? '',
        critical: node.getAttribute('data-critical') === 'true',
      })),
    );
    expect(new Set(shown.map((row) => row.service))).toEqual(new Set(['gateway', 'activities', 'notifications']));
    const { body } = await request<{ spans: Array<{ spanId: string; parentSpanId?: string }> }>(
      `${collector.url}/api/traces/${sent.mention}`,
    );
    expect(shown).toHaveLength(body.spans.length);
    const position = new Map(shown.map((row, i) => [row.id, i]));
    for (const span of body.spans)
      if (span.parentSpanId && position.has(span.parentSpanId))
        expect(position.get(span.parentSpanId)).toBeLessThan(position.get(span.spanId) as number);
    expect(shown[0].critical).toBe(true);
    expect(shown.filter((row) => row.critical).length).toBeGreaterThan(1);
    await expect(page.getByTestId('agreement').textContent()).resolves.toBe('views agree');
    expect(await page.getByTestId('disagreement-mark').count()).toBe(0);
    // The log lines of the three services.
    await eventually(async () => {
      await page.reload();
      await page.getByTestId('trace-view').waitFor();
      const services = await page
        .locator('[data-testid="log-line"]')
        .evaluateAll((nodes) => [...new Set(nodes.map((node) => node.getAttribute('data-service')))]);
      return services.length === 3 ? services : undefined;
    }, 15_000);
    // Selecting a span shows its attributes; Esc closes the panel.
    await rows.first().click();
    await page.getByTestId('span-detail').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('span-detail').waitFor({ state: 'detached' });
    await page.getByTestId('layout-both').click();
    await page.getByTestId('waterfall-xray').waitFor();
    const command = await page.getByTestId('copy-xray').getAttribute('data-command');
    expect(command).toBe(
      `aws --endpoint-url ${collector.url} xray batch-get-traces --trace-ids ${xrayIdOf(sent.mention)}`,
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'trace.png'), fullPage: true });
    for (const download of ['download-otlp', 'download-xray']) {
      const href = await page.getByTestId(download).getAttribute('href');
      const answer = await request<object>(`${collector.url}${href}`);
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.body)).toContain(
        download === 'download-otlp' ? sent.mention : xrayIdOf(sent.mention),
      );
    }
  });

  it('a trace whose X-Ray document names another parent than its span shows a disagreement mark', async () => {
    const traceId = newTraceId();
    const start = Date.now() - 500;
    const ids = { root: hex(8), child: hex(8), other: hex(8) };
    await postSpans(collector.url, traceId, [
      { service: 'gateway', spanId: ids.root, name: 'GET /broken', kind: 'SERVER', startMs: start, endMs: start + 50 },
      {
        service: 'activities',
        spanId: ids.child,
        parentSpanId: ids.root,
        name: 'GET /x',
        kind: 'SERVER',
        startMs: start + 10,
        endMs: start + 40,
      },
    ]);
    const seconds = (ms: number) => (start + ms) / 1000;
    await sendSegments(collector.daemonPort, [
      { id: ids.root, trace_id: xrayIdOf(traceId), name: 'gateway', start_time: seconds(0), end_time: seconds(50) },
      {
        id: ids.child,
        trace_id: xrayIdOf(traceId),
        parent_id: ids.other,
        name: 'activities',
        start_time: seconds(10),
        end_time: seconds(40),
      },
    ]);
    await eventually(async () => {
      const { body } = await request<{ segments?: unknown[] }>(`${collector.url}/api/traces/${traceId}`);
      return body.segments?.length === 2 ? true : undefined;
    });
    await open(`#/trace/${traceId}`);
    await page
      .locator(`[data-testid="span-row"][data-span-id="${ids.child}"] [data-testid="disagreement-mark"]`)
      .first()
      .waitFor();
    await expect(page.getByTestId('agreement').textContent()).resolves.toMatch(/^\d+ disagreements? /);
  });

  it("the erroring request's trace lists its Rollbar item, and the errors view links it", async () => {
    await eventually(async () => {
      const { body } = await request<unknown[]>(`${collector.url}/api/errors?trace_id=${sent.failing}`);
      return body.length > 0 ? true : undefined;
    }, 10_000);
    await open(`#/trace/${sent.failing}`);
    await page.getByTestId('rollbar-item').first().waitFor();
    await open('#/errors');
    await page.locator(`[data-testid="error-occurrence"] a[href="#/trace/${sent.failing}"]`).first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'errors.png'), fullPage: true });
  });

  it('comparing two traces shows per-span differences', async () => {
    await open(`#/compare/${sent.home}/${sent.homeAgain}`);
    const rows = page.locator('[data-testid="compare-spans"] [data-testid="compare-row"]');
    await rows.first().waitFor();
    const changes = await rows.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-change')));
    // The same request twice: every span matched, each with its own delta.
    expect(changes.length).toBeGreaterThanOrEqual(4);
    expect(changes.every((change) => change === 'matched')).toBe(true);
    const deltas = await page.locator('[data-testid="compare-spans"] td.delta').allTextContents();
    expect(deltas.some((text) => /^[+−]/.test(text))).toBe(true);
    await page.getByTestId('compare-contributors').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'compare.png'), fullPage: true });
  });

  it('a new request appears in the trace list without a reload', async () => {
    await open('#/traces');
    await page.getByTestId('trace-row').first().waitFor();
    await page.evaluate(() => Object.assign(globalThis, { explorerNotReloaded: true }));
    const response = await fetch(url('/api/activities/home'));
    await response.arrayBuffer();
    const { traceId } = traceIdOf(response.headers);
    await page.locator(`[data-testid="trace-row"][data-trace-id="${traceId}"]`).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (globalThis as { explorerNotReloaded?: boolean }).explorerNotReloaded)).toBe(true);
  });

  it('keys: / focuses the id box, j/k move in the list, Enter opens the trace', async () => {
    await open('#/traces');
    await page.getByTestId('trace-row').nth(2).waitFor();
    await page.keyboard.press('/');
    const input = page.getByTestId('trace-id-input');
    expect(await input.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await input.evaluate((element) => (element as unknown as { blur: () => void }).blur());
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    // By trace, not by position: live traces may arrive on top between the keys and Enter.
    const ids = await page
      .getByTestId('trace-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-trace-id')));
    const second = await page.locator('[data-testid="trace-row"].selected').getAttribute('data-trace-id');
    expect(ids.indexOf(second)).toBeGreaterThanOrEqual(1);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/#/trace/${second}`);
    await page.getByTestId('trace-view').waitFor();
  });

  it('keys pressed faster than the page renders still count: j j k Enter in one burst opens the second row', async () => {
    await open('#/traces');
    await page.getByTestId('trace-row').nth(2).waitFor();
    // One synchronous task: no render (and no effect) can run between the keys.
    const second = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[data-testid="trace-row"]')].map((row) =>
        row.getAttribute('data-trace-id'),
      );
      for (const key of ['j', 'j', 'k', 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
      return ids[1];
    });
    await page.waitForURL(`**/#/trace/${second}`);
    await page.getByTestId('trace-view').waitFor();
  });
});
