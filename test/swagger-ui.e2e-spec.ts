import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { operationsOf, readCommittedDocument } from './support/openapi';
import { Suite } from './support/suite';

const SCREENSHOTS = path.resolve(__dirname, '..', 'test-output', 'screenshots');

/** The gateway's Swagger UI at /api/docs, in Chromium. */
describe('Swagger UI at /api/docs', () => {
  let suite: Suite;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  const requested: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    suite = await Suite.start();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('request', (sent) => requested.push(sent.url()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.goto(`${suite.baseUrl}/api/docs`);
    await page.locator('.opblock').first().waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.stop();
  });

  it('lists every operation of the document, under the document’s title', async () => {
    const document = readCommittedDocument();
    await page.getByText(document.info.title).first().waitFor();
    const listed = await page
      .locator('.opblock')
      .evaluateAll((blocks) =>
        blocks.map(
          (block) =>
            `${block.querySelector('.opblock-summary-method')?.textContent} ${block.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`,
        ),
      );
    const documented = operationsOf(document).map(({ method, path: template }) => `${method} ${template}`);
    expect([...listed].sort()).toEqual([...documented].sort());
  });

  it('shows an operation with its parameters, trace headers included, and its responses', async () => {
    const create = page.locator('.opblock-post').filter({ hasText: '/api/activities/{uuid}/reply' });
    await create.locator('.opblock-summary').click();
    await create.locator('.parameter__name', { hasText: /^traceparent$/ }).waitFor();
    await create.locator('.responses-table').getByText('Too many requests').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'openapi.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('fetches everything from the gateway itself: no CDN, no validator badge', () => {
    const origin = new URL(suite.baseUrl).origin;
    const network = requested.filter((url) => /^https?:/.test(url));
    expect(network.map((url) => new URL(url).pathname)).toEqual(
      expect.arrayContaining(['/api/docs/swagger-ui-bundle.js', '/api/docs/swagger-ui.css']),
    );
    expect(network.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(requested.filter((url) => !/^(https?|data|blob):/.test(url))).toEqual([]);
  });
});
