// Imported by main.ts right after ./telemetry: the logger (console and CloudWatch Logs)
// and the error reporter (Rollbar), both carrying the trace ids.
import { setUpReporting } from '@app/observability';
import { observabilityOptions } from './telemetry';

export const reporting = setUpReporting(process.env, {
  serviceName: observabilityOptions.serviceName,
  serviceVersion: observabilityOptions.serviceVersion,
  environment: observabilityOptions.environment,
  codeRoot: __dirname,
});
