import { ItemSink } from './testing/item-sink.fixture';
import { runChild } from './testing/child-process.fixture';

/** A child script: a reporter on `endpoint` (or disabled), handlers installed, then `failure`. */
const script = (endpoint: string | undefined, onFatal: string, failure: string) => `
  const reporter = errors.createErrorReporter({
    serviceName: 'notifications',
    serviceVersion: '9.9.9',
    rollbar: ${endpoint ? `{ accessToken: 'child-token', environment: 'test', endpoint: ${JSON.stringify(endpoint)}, codeRoot: process.cwd(), reportClientErrors: false }` : 'undefined'},
  });
  reporter.installProcessHandlers(${onFatal});
  reporter.installProcessHandlers(${onFatal}); // twice: still one report
  ${failure}
`;

describe('installProcessHandlers', () => {
  let sink: ItemSink;

  beforeEach(async () => {
    sink = await ItemSink.start();
  });
  afterEach(() => sink.stop());

  it('reports an uncaught exception, delivers it, prints it and exits with code 1', async () => {
    const outcome = await runChild(script(sink.endpoint, 'undefined', "throw new RangeError('thrown at top level');"));

    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('uncaughtException');
    expect(outcome.stderr).toContain('RangeError: thrown at top level');
    expect(sink.items).toHaveLength(1);
    const { data } = sink.items[0];
    expect(data).toMatchObject({
      level: 'critical',
      environment: 'test',
      code_version: '9.9.9',
      custom: { fatal: 'uncaughtException', service: 'notifications' },
    });
    const chain = (data.body as { trace_chain: Array<{ exception: unknown }> }).trace_chain;
    expect(chain[0].exception).toEqual({ class: 'RangeError', message: 'thrown at top level' });
  });

  it('reports an unhandled rejection, gives it to onFatal and exits with code 1', async () => {
    const onFatal = "(error) => console.log('onFatal got: ' + error.message)";
    const outcome = await runChild(
      script(sink.endpoint, onFatal, "Promise.reject(new Error('rejected at top level'));"),
    );

    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain('onFatal got: rejected at top level');
    expect(sink.items.map((item) => [item.data.level, (item.data.custom as { fatal: string }).fatal])).toEqual([
      ['critical', 'unhandledRejection'],
    ]);
  });

  it('exits with code 1 when the endpoint is unreachable, after one warning', async () => {
    const { endpoint } = sink;
    await sink.stop();
    sink = await ItemSink.start();
    const outcome = await runChild(script(endpoint, 'undefined', "throw new Error('nobody listens');"));

    expect(outcome.code).toBe(1);
    expect(outcome.stderr.match(/did not reach Rollbar/g)).toHaveLength(1);
  });

  it('without Rollbar, still prints the error and exits with code 1', async () => {
    const outcome = await runChild(script(undefined, 'undefined', "throw new Error('no token configured');"));

    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('Error: no token configured');
  });
});
