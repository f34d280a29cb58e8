import { INTAKE_LIMIT, type IntakeEntry, IntakeLog } from './intake.log';

const entry = (n: number, path = '/v1/traces'): IntakeEntry => ({
  time: new Date(1_700_000_000_000 + n).toISOString(),
  method: 'POST',
  path,
  receiver: path === '/v1/logs' ? 'otlp-logs' : 'otlp-traces',
  status: 200,
  headers: { 'x-n': String(n) },
});

describe('IntakeLog', () => {
  it('keeps at most its limit, the newest, and counts what it drops', () => {
    const log = new IntakeLog(3);
    for (let n = 1; n <= 5; n++) log.record(entry(n));
    expect(log.list().map((e) => e.headers['x-n'])).toEqual(['5', '4', '3']);
    expect(log.stats()).toEqual({ held: 3, limit: 3, recorded: 5, dropped: 2 });
  });

  it('holds 200 requests by default', () => {
    const log = new IntakeLog();
    for (let n = 0; n < INTAKE_LIMIT + 50; n++) log.record(entry(n));
    expect(INTAKE_LIMIT).toBe(200);
    expect(log.list()).toHaveLength(200);
    expect(log.stats().dropped).toBe(50);
  });

  it('lists one path when asked, newest first', () => {
    const log = new IntakeLog();
    log.record(entry(1, '/v1/traces'));
    log.record(entry(2, '/v1/logs'));
    log.record(entry(3, '/v1/traces'));
    expect(log.list('/v1/traces').map((e) => e.headers['x-n'])).toEqual(['3', '1']);
    expect(log.list('/v1/logs').map((e) => e.headers['x-n'])).toEqual(['2']);
    expect(log.list('/nowhere')).toEqual([]);
  });
});
