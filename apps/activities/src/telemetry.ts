// Imported first by main.ts: tracing must start before Nest and `http` load,
// so this imports only the library's start-up entry.
import { readObservabilityOptions, startTelemetry } from '@app/observability/telemetry';
import { SUITE_VERSION } from '@app/contracts';

export const observabilityOptions = readObservabilityOptions(process.env, {
  serviceName: 'activities',
  serviceVersion: SUITE_VERSION,
});
export const telemetry = startTelemetry(observabilityOptions);
