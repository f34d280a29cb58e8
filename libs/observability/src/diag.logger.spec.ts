import { diag } from '@opentelemetry/api';
import { installDiagLogger } from './diag.logger';

describe('installDiagLogger', () => {
  afterEach(() => {
    diag.disable();
    jest.restoreAllMocks();
  });

  it("writes each kind of SDK diagnostic once, with the service's prefix, whatever ids and counts it names", () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    installDiagLogger('gateway');
    diag.warn('span 0123456789abcdef dropped:', new Error('queue full'));
    diag.warn('span fedcba9876543210 dropped:', new Error('queue full'));
    diag.warn('Dropped 576 spans because maxQueueSize reached');
    diag.warn('Dropped 739 spans because maxQueueSize reached');
    diag.error('export failed', 'ECONNREFUSED');
    diag.info('not shown');
    expect(warn.mock.calls).toEqual([
      ['[gateway] telemetry warn: span 0123456789abcdef dropped: queue full'],
      ['[gateway] telemetry warn: Dropped 576 spans because maxQueueSize reached'],
    ]);
    expect(error.mock.calls).toEqual([['[gateway] telemetry error: export failed ECONNREFUSED']]);
  });
});
