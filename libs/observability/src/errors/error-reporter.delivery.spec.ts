import { createErrorReporter } from './error-reporter.factory';
import { ItemSink } from './testing/item-sink.fixture';
import { reporterFor } from './testing/reporter.fixture';

describe('error reporter delivery', () => {
  let sink: ItemSink;

  beforeEach(async () => {
    sink = await ItemSink.start();
  });
  afterEach(async () => {
    await sink.stop();
    jest.restoreAllMocks();
  });

  it('flush waits for delivery, and gives up after its timeout', async () => {
    const reporter = reporterFor(sink.endpoint);
    for (let i = 0; i < 5; i++) reporter.message(`message ${i}`, 'info');
    await reporter.flush(10_000);
    expect(sink.items).toHaveLength(5);
    await expect(reporter.flush()).resolves.toBeUndefined(); // nothing in flight: at once

    // An endpoint that accepts the connection and never answers.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { createServer } = await import('node:net');
    const sockets: Array<import('node:net').Socket> = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const stuck = createErrorReporter({
      serviceName: 'gateway',
      serviceVersion: '1',
      rollbar: {
        accessToken: 't',
        environment: 'e',
        endpoint: `http://127.0.0.1:${port}/api/1/`,
        codeRoot: '/',
        reportClientErrors: false,
      },
    });
    stuck.message('lost', 'info');
    const started = Date.now();
    await stuck.flush(300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(3_000);
    const closed = new Promise<void>((resolve) => silent.close(() => resolve()));
    sockets.forEach((socket) => socket.destroy());
    await closed;
    await stuck.flush(); // the reset connection settles the item
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('survives an unreachable endpoint: no throw, one warning', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const { endpoint } = sink;
    await sink.stop(); // nothing listens there any more
    sink = await ItemSink.start(); // (afterEach stops this one)
    const reporter = createErrorReporter({
      serviceName: 'gateway',
      serviceVersion: '1',
      rollbar: { accessToken: 't', environment: 'e', endpoint, codeRoot: '/', reportClientErrors: false },
    });

    expect(() => {
      reporter.reportHandlerError(new Error('one'), { status: 500 });
      reporter.reportHandlerError(new Error('two'), { status: 503 });
      reporter.message('three', 'error');
    }).not.toThrow();
    await reporter.flush();

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(
      /^\[gateway\] error reporting: an item did not reach Rollbar at http:\/\/127\.0\.0\.1:\d+\/api\/1\/: .*ECONNREFUSED/,
    );
    expect(error).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it('does nothing when disabled', async () => {
    const reporter = createErrorReporter({ serviceName: 'gateway', serviceVersion: '1' });
    expect(reporter.enabled).toBe(false);
    reporter.reportHandlerError(new Error('x'), { status: 500 });
    reporter.message('Hello World!', 'warning');
    await expect(reporter.flush()).resolves.toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sink.items).toHaveLength(0);
  });
});
