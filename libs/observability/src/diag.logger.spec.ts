import { diag } from '@opentelemetry/api';
import { installDiagLogger } from './diag.logger';

describe('installDiagLogger', () => {
  afterEach(() => {
    diag.disable();
    jest.restoreAllMocks();
  });

  it("writes the span export's trouble once, whatever its wording, level, ids and counts, with the service's prefix", () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    installDiagLogger('gateway');
    diag.warn('span 0123456789abcdef dropped:', new Error('queue full'));
    diag.warn('span fedcba9876543210 dropped:', new Error('queue full'));
    diag.warn('Dropped 576 spans because maxQueueSize reached');
    diag.warn('Dropped 739 spans because maxQueueSize reached');
    diag.error('export failed', 'ECONNREFUSED');
    // As the SDK's global error handler passes an exporter's failed connection on: the serialized error alone.
    diag.error('{"message":"connect ECONNREFUSED 127.0.0.1:4318","code":"ECONNREFUSED","syscall":"connect"}');
    diag.info('not shown');
    expect(warn.mock.calls).toEqual([['[gateway] telemetry warn: span 0123456789abcdef dropped: queue full']]);
    expect(error.mock.calls).toEqual([]);
  });

  it("keeps X-Ray's OTLP endpoint apart from the span export: one destination's trouble never hides the other's", () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    installDiagLogger('gateway');
    diag.error('export failed', new Error('X-Ray OTLP endpoint answered 403: The security token is invalid'));
    diag.error('export failed', new Error('no AWS credentials: Could not load credentials from any providers'));
    diag.error('export failed', new Error('connect ECONNREFUSED 127.0.0.1:4318'));
    expect(error.mock.calls).toEqual([
      ['[gateway] telemetry error: export failed X-Ray OTLP endpoint answered 403: The security token is invalid'],
      ['[gateway] telemetry error: export failed connect ECONNREFUSED 127.0.0.1:4318'],
    ]);
  });

  it('paces other diagnostics by their kind, each level written as it came', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    installDiagLogger('gateway');
    diag.error('Timeout', new Error('Timeout at BatchSpanProcessorBase'));
    diag.warn('module http loaded before instrumentation 3 times');
    diag.warn('module http loaded before instrumentation 4 times');
    diag.warn('unknown propagator "b3"');
    expect(error.mock.calls).toEqual([['[gateway] telemetry error: Timeout Timeout at BatchSpanProcessorBase']]);
    expect(warn.mock.calls).toEqual([
      ['[gateway] telemetry warn: module http loaded before instrumentation 3 times'],
      ['[gateway] telemetry warn: unknown propagator "b3"'],
    ]);
  });
});
