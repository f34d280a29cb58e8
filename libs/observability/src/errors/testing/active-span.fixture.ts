import { context, trace, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';

/** A real OpenTelemetry setup for specs: spans made current with AsyncLocalStorage, as in the services. */
export class ActiveSpanFixture {
  private readonly manager = new AsyncLocalStorageContextManager();
  private readonly tracer = new TracerProvider().getTracer('errors-spec');

  enable(): void {
    context.setGlobalContextManager(this.manager.enable());
  }

  disable(): void {
    this.manager.disable();
    context.disable();
  }

  /** Runs `work` with a new span current; the span ends afterwards. */
  within<T>(work: (span: Span) => T): T {
    const span = this.tracer.startSpan('GET /api/test');
    try {
      return context.with(trace.setSpan(context.active(), span), () => work(span));
    } finally {
      span.end();
    }
  }
}
