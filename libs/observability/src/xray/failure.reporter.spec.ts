import { FailureReporter } from './failure.reporter';

describe('FailureReporter', () => {
  it('counts every failure and logs at most once a minute, with the count since the last line', () => {
    let now = 1_000_000;
    const log = jest.fn();
    const reporter = new FailureReporter(log, () => now);
    reporter.report('converting', new Error('first'));
    reporter.report('converting', new Error('second'));
    now += 59_999;
    reporter.report('converting', 'third');
    expect(log).toHaveBeenCalledTimes(1);
    now += 1;
    reporter.report('converting', new Error('fourth'));
    expect(log).toHaveBeenCalledTimes(2);
    expect(log.mock.calls[1][0]).toBe('converting failed 3 time(s) since the last report (4 in all); latest: fourth');
    expect(reporter.count).toBe(4);
  });
});
