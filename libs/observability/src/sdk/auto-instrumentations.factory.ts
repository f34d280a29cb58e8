import { getNodeAutoInstrumentations, getResourceDetectors } from '@opentelemetry/auto-instrumentations-node';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { ResourceDetector } from '@opentelemetry/resources';
import type { SdkOptions } from '../observability.options';
import { carriesTraceContext } from './carried-trace-context';

/**
 * Runs `read` with `variables` set in process.env, then puts the environment back:
 * auto-instrumentations-node takes its lists from process.env only, and these are the lists
 * already read and checked (with the suite's defaults) from the environment the app passed in.
 */
function withEnvironment<T>(variables: Record<string, string>, read: () => T): T {
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    return read();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * The instrumentations of auto-instrumentations-node that OTEL_NODE_ENABLED_INSTRUMENTATIONS
 * (default `http`) names and OTEL_NODE_DISABLED_INSTRUMENTATIONS does not; the README says why
 * the others are off. Incoming HTTP only: outgoing calls are traced by the dependency clients
 * themselves (with the called service's name), and telemetry's own calls must not be.
 */
export function createInstrumentations(sdk: SdkOptions): Instrumentation[] {
  const wanted = sdk.enabledInstrumentations.filter((name) => !sdk.disabledInstrumentations.includes(name));
  // An empty list would read as unset, which enables the library's whole default set.
  if (wanted.length === 0) return [];
  return withEnvironment(
    { OTEL_NODE_ENABLED_INSTRUMENTATIONS: wanted.join(','), OTEL_NODE_DISABLED_INSTRUMENTATIONS: '' },
    () =>
      getNodeAutoInstrumentations({
        // Its `url.query` redacts only a fixed list of names: SecretAttributeRedactor applies ours to it.
        '@opentelemetry/instrumentation-http': { disableOutgoingRequestInstrumentation: true },
        '@opentelemetry/instrumentation-undici': { ignoreRequestHook: carriesTraceContext },
      }),
  );
}

/** The resource detectors OTEL_NODE_RESOURCE_DETECTORS names (default env, host, process), `aws` the EC2, ECS, EKS, Beanstalk and Lambda ones. */
export function createResourceDetectors(sdk: SdkOptions): ResourceDetector[] {
  if (sdk.resourceDetectors.length === 0) return [];
  return withEnvironment({ OTEL_NODE_RESOURCE_DETECTORS: sdk.resourceDetectors.join(',') }, () =>
    getResourceDetectors(),
  );
}
