import { context, SpanKind, trace, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { DnsInstrumentation } from '@opentelemetry/instrumentation-dns';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NetInstrumentation } from '@opentelemetry/instrumentation-net';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type ReadableSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';

/** A process traced as a user may configure it: outgoing HTTP, sockets and DNS lookups all instrumented. */
export interface InstrumentedProcess {
  tracer: Tracer;
  /** Every span finished so far (the instrumentations' included). */
  spans(): ReadableSpan[];
  /** Runs `fn` inside a new SERVER span made current, as the HTTP instrumentation runs a handler; ends it after. */
  inRequest<T>(fn: (span: Span) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/**
 * A real TracerProvider (the global one, with AsyncLocalStorage context) and
 * the real `http`, `net` and `dns` instrumentations, enabled in this jest
 * worker. Jest's module registry has its own `require`, which the
 * instrumentations' require hook never sees; core modules are the same
 * objects in both, so each instrumentation's own patch is applied to them
 * directly (and undone by `stop`). `extraProcessors` run after the
 * in-memory exporter (an `XraySegmentProcessor`, say).
 */
export function startInstrumentedProcess(extraProcessors: SpanProcessor[] = []): InstrumentedProcess {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter }), ...extraProcessors] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  const instrumentations = [
    // Incoming requests are the fake destinations' side: only what the code under test sends counts.
    new HttpInstrumentation({ ignoreIncomingRequestHook: () => true }),
    new NetInstrumentation(),
    new DnsInstrumentation(),
  ];
  const unregister = registerInstrumentations({ tracerProvider: provider, instrumentations });
  for (const instrumentation of instrumentations) {
    for (const definition of instrumentation.getModuleDefinitions()) {
      if (definition.name.includes('/')) continue; // `dns/promises` is `dns.promises`, patched with `dns`
      const exports = process.getBuiltinModule(definition.name) as object;
      definition.patch?.(exports);
      definition.moduleExports = exports; // what disabling the instrumentation (unregister) unpatches
    }
  }
  const tracer = provider.getTracer('own-calls-spec');
  return {
    tracer,
    spans: () => exporter.getFinishedSpans(),
    inRequest: (fn) =>
      tracer.startActiveSpan('GET /api/activities/home', { kind: SpanKind.SERVER }, async (span) => {
        try {
          return await fn(span);
        } finally {
          span.end();
        }
      }),
    stop: async () => {
      unregister();
      await provider.shutdown();
      trace.disable();
      context.disable();
    },
  };
}
