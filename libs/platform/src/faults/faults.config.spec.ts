import { readFaultsConfig } from './faults.config';

const options = { tcpReplies: true, adminPort: 4572 };

describe('readFaultsConfig', () => {
  it('leaves every switch off, no schedule and no admin endpoint when nothing is set', () => {
    const config = readFaultsConfig({}, 'activities', options);
    expect(config).toEqual({
      service: 'activities',
      settings: { errorRate: 0, dropReplyRate: 0, latencyMs: undefined, cpuMs: undefined },
      tcpReplies: true,
      schedule: undefined,
      admin: undefined,
    });
  });

  it("reads the service's own variables only, by its prefix", () => {
    const env = {
      ACTIVITIES_FAULT_LATENCY_MS: '100-400',
      ACTIVITIES_FAULT_ERROR_RATE: '0.2',
      ACTIVITIES_FAULT_DROP_REPLY_RATE: '0.1',
      ACTIVITIES_FAULT_CPU_MS: '20',
      NOTIFICATIONS_FAULT_ERROR_RATE: '1',
    };
    expect(readFaultsConfig(env, 'activities', options).settings).toEqual({
      latencyMs: { min: 100, max: 400 },
      errorRate: 0.2,
      dropReplyRate: 0.1,
      cpuMs: { min: 20, max: 20 },
    });
  });

  it('refuses a drop-reply rate for a service that answers no TCP requests', () => {
    expect(() =>
      readFaultsConfig({ GATEWAY_FAULT_DROP_REPLY_RATE: '0.5' }, 'gateway', { tcpReplies: false, adminPort: 4571 }),
    ).toThrow('GATEWAY_FAULT_DROP_REPLY_RATE has no effect: the gateway answers no TCP requests');
  });

  it('reads the schedule and its seed, choosing a seed when none is given', () => {
    expect(readFaultsConfig({ FAULTS_SCHEDULE: 'random', FAULTS_SEED: '42' }, 'activities', options).schedule).toEqual({
      seed: 42,
    });
    const chosen = readFaultsConfig({ FAULTS_SCHEDULE: 'Random' }, 'activities', options).schedule?.seed;
    expect(Number.isInteger(chosen)).toBe(true);
    expect(() => readFaultsConfig({ FAULTS_SCHEDULE: 'sometimes' }, 'activities', options)).toThrow(
      'FAULTS_SCHEDULE must be off or random, got "sometimes"',
    );
    expect(() => readFaultsConfig({ FAULTS_SEED: '-1' }, 'activities', options)).toThrow(
      /^FAULTS_SEED must be a whole number/,
    );
  });

  it('serves the admin endpoint only with FAULTS_ADMIN on, at the port given or the default', () => {
    expect(readFaultsConfig({ ACTIVITIES_FAULTS_ADMIN_PORT: '9000' }, 'activities', options).admin).toBeUndefined();
    expect(readFaultsConfig({ FAULTS_ADMIN: '1' }, 'activities', options).admin).toEqual({ port: 4572 });
    expect(
      readFaultsConfig({ FAULTS_ADMIN: 'yes', ACTIVITIES_FAULTS_ADMIN_PORT: '9000' }, 'activities', options).admin,
    ).toEqual({ port: 9000 });
    expect(() => readFaultsConfig({ FAULTS_ADMIN: 'maybe' }, 'activities', options)).toThrow(
      /^FAULTS_ADMIN must be true or false/,
    );
  });
});
