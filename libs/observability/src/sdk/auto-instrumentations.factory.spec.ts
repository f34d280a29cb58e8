import type { Instrumentation } from '@opentelemetry/instrumentation';
import { readSdkOptions } from './sdk-options.reader';
import { createInstrumentations, createResourceDetectors } from './auto-instrumentations.factory';

const names = (instrumentations: Instrumentation[]) => instrumentations.map((one) => one.instrumentationName).sort();

describe('createInstrumentations', () => {
  const created: Instrumentation[] = [];
  const create = (env: Record<string, string>) => {
    const instrumentations = createInstrumentations(readSdkOptions(env));
    created.push(...instrumentations);
    return instrumentations;
  };

  afterEach(() => {
    // Each one patched its module on construction: leave the jest worker as it was.
    for (const instrumentation of created.splice(0)) instrumentation.disable();
  });

  it('loads incoming HTTP only by default, outgoing requests left to the dependency clients', () => {
    const instrumentations = create({});
    expect(names(instrumentations)).toEqual(['@opentelemetry/instrumentation-http']);
    expect(instrumentations[0].getConfig()).toMatchObject({ disableOutgoingRequestInstrumentation: true });
  });

  it('loads what OTEL_NODE_ENABLED_INSTRUMENTATIONS names, less OTEL_NODE_DISABLED_INSTRUMENTATIONS', () => {
    const instrumentations = create({
      OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,express,undici',
      OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'express',
    });
    expect(names(instrumentations)).toEqual([
      '@opentelemetry/instrumentation-http',
      '@opentelemetry/instrumentation-undici',
    ]);
  });

  it('loads nothing when every enabled one is disabled (not the library default set)', () => {
    expect(create({ OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'http' })).toEqual([]);
  });

  it('leaves process.env as it found it', () => {
    const before = { ...process.env };
    create({ OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,dns' });
    expect(process.env).toEqual(before);
  });
});

describe('createResourceDetectors', () => {
  it('gives env, host and process by default, the five AWS detectors for aws, none for none', () => {
    expect(createResourceDetectors(readSdkOptions({})).length).toBe(3);
    expect(createResourceDetectors(readSdkOptions({ OTEL_NODE_RESOURCE_DETECTORS: 'aws' })).length).toBe(5);
    expect(createResourceDetectors(readSdkOptions({ OTEL_NODE_RESOURCE_DETECTORS: 'none' }))).toEqual([]);
  });
});
