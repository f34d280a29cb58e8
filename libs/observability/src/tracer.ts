import { trace } from '@opentelemetry/api';

/** The library's tracer: a no-op until startTelemetry registers the SDK. */
export const tracer = trace.getTracer('@app/observability');
