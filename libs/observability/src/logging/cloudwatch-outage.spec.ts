import { createAppLogger } from './app-logger.factory';
import type { AppLogger } from './app-logger.options';
import { type CapturedStream, captureStream } from './testing/captured.stream';
import { FakeCloudWatchLogs } from './testing/cloudwatch-logs.fixture';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

let stream = 0;

/** A logger shipping to the fake every 50 ms, its console captured. */
function loggerFor(
  fake: FakeCloudWatchLogs,
  maxQueuedEvents: number,
  requestTimeoutMs?: number,
): { app: AppLogger; console: CapturedStream } {
  const console = captureStream();
  const app = createAppLogger({
    serviceName: 'gateway',
    serviceVersion: '1',
    environment: 'test',
    level: 'info',
    format: 'json',
    consoleStream: console.stream,
    cloudwatch: {
      logGroupName: 'cruddur',
      logStreamName: `gateway/outage-spec-${++stream}`, // winston-cloudwatch keeps tokens per stream, process-wide
      endpoint: fake.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
      uploadIntervalMs: 50,
      maxQueuedEvents,
      requestTimeoutMs,
    },
  });
  return { app, console };
}

const linesOf = (console: CapturedStream, level: 'warn' | 'info') =>
  console
    .json()
    .filter((line) => line.level === level && line.context === 'Logging')
    .map((line) => line.message as string);
const warningsOf = (console: CapturedStream) => linesOf(console, 'warn');

describe('CloudWatch Logs shipping through an outage', () => {
  let fake: FakeCloudWatchLogs;

  beforeEach(async () => {
    fake = await FakeCloudWatchLogs.start();
  });

  afterEach(async () => {
    await fake.down();
  });

  it('keeps the events while the destination is unreachable and ships them, in order and once, when it is back', async () => {
    const { app, console } = loggerFor(fake, 1000);
    for (let i = 0; i < 3; i += 1) app.winston.info(`before ${i}`);
    await until(() => fake.messages.length === 3); // a sequence token is now cached: the case that lost events
    await fake.down();
    for (let i = 0; i < 10; i += 1) app.winston.info(`during ${i}`);
    await until(() => app.stats().failedBatches >= 3);
    expect(app.stats()).toMatchObject({ queued: 10, dropped: 0, refused: 0, sent: 3 });

    await fake.up();
    await until(() => app.stats().queued === 0 && fake.messages.length >= 13);
    await sleep(200);
    const shipped = fake.messages.map((message) => (JSON.parse(message) as { message: string }).message);
    expect(shipped).toEqual([
      ...Array.from({ length: 3 }, (_, i) => `before ${i}`),
      ...Array.from({ length: 10 }, (_, i) => `during ${i}`),
    ]);
    expect(app.stats()).toMatchObject({ queued: 0, dropped: 0, sent: 13 });
    // Several failed uploads (their texts differ in their numbers): one warning a minute, then news of the recovery.
    expect(warningsOf(console)).toEqual([
      expect.stringMatching(/could not ship log events, kept for the next upload \(10 queued, 0 dropped so far/),
    ]);
    expect(linesOf(console, 'info')).toEqual([expect.stringMatching(/shipping again \(0 queued, 0 dropped so far/)]);
  }, 30_000);

  it('bounds the queue during an outage by dropping the oldest events, counted and reported beside the failure', async () => {
    const { app, console } = loggerFor(fake, 5);
    app.winston.info('first');
    await until(() => fake.messages.length === 1);
    await fake.down();
    for (let i = 0; i < 12; i += 1) app.winston.info(`event ${i}`);
    await until(() => app.stats().failedBatches >= 2);
    expect(app.stats()).toMatchObject({ queued: 5, dropped: 7 });

    await fake.up();
    await until(() => app.stats().queued === 0 && fake.messages.length >= 6);
    const shipped = fake.messages.map((message) => (JSON.parse(message) as { message: string }).message);
    expect(shipped).toEqual(['first', 'event 7', 'event 8', 'event 9', 'event 10', 'event 11']);
    // The full queue and the failing upload: one destination, so one warning within the minute, with
    // the drops counted; the recovery says how many were lost in all.
    expect(warningsOf(console)).toEqual([
      expect.stringMatching(
        /(queue full \(5 events\): the oldest log events are dropped|could not ship log events).* dropped so far/,
      ),
    ]);
    expect(linesOf(console, 'info')).toEqual([expect.stringMatching(/shipping again \(0 queued, 7 dropped so far/)]);
  }, 30_000);

  it('drops (and counts) only a batch refused as invalid; a 503 keeps the events for later', async () => {
    const { app } = loggerFor(fake, 1000);
    fake.mode = 'invalid';
    for (let i = 0; i < 3; i += 1) app.winston.info(`invalid ${i}`);
    await until(() => app.stats().refused === 3);
    expect(app.stats()).toMatchObject({ queued: 0, dropped: 0, sent: 0 });

    fake.mode = 'unavailable';
    app.winston.info('kept through a 503');
    await until(() => app.stats().failedBatches >= 2);
    expect(app.stats()).toMatchObject({ queued: 1, refused: 3 });
    fake.mode = 'accept';
    await until(() => fake.messages.length === 1);
    expect((JSON.parse(fake.messages[0]) as { message: string }).message).toBe('kept through a 503');
    expect(app.stats()).toMatchObject({ queued: 0, refused: 3, sent: 1 });
  }, 30_000);

  it('gives up a call the destination never answers, so that shipping goes on once it answers again', async () => {
    const { app } = loggerFor(fake, 1000, 300);
    app.winston.info('first');
    await until(() => fake.messages.length === 1);
    fake.mode = 'silent';
    app.winston.info('unanswered');
    await until(() => app.stats().failedBatches >= 1);
    fake.mode = 'accept';
    app.winston.info('after');
    await until(() => fake.messages.length === 3);
    const shipped = fake.messages.map((message) => (JSON.parse(message) as { message: string }).message);
    expect(shipped).toEqual(['first', 'unanswered', 'after']);
  }, 30_000);

  it('flushes what is queued once the destination is back, and gives up within its timeout while it is not', async () => {
    const { app } = loggerFor(fake, 1000);
    app.winston.info('one');
    await until(() => fake.messages.length === 1);
    await fake.down();
    app.winston.info('two');
    const started = Date.now();
    await app.flush(2000);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(app.stats().queued).toBe(1);
    await fake.up();
    await app.flush(2000);
    expect(app.stats()).toMatchObject({ queued: 0, sent: 2 });
  }, 30_000);
});
