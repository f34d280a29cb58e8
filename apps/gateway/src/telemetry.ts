// Imported first by main.ts: tracing must start before Nest and `http` load,
// so this imports only the library's start-up entry.
import { readObservabilityOptions, startTelemetry } from '@app/observability/telemetry';
import { SUITE_VERSION } from '@app/contracts';

export const observabilityOptions = readObservabilityOptions(process.env, {
  serviceName: 'gateway',
  serviceVersion: SUITE_VERSION,
  publicEdge: true, // the one service outside callers reach: DISTRUST_INCOMING_TRACE_CONTEXT applies here
});
export const telemetry = startTelemetry(observabilityOptions);
