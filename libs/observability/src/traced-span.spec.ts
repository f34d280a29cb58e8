import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { withSpan } from './traced-span';

describe('withSpan', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });

  beforeAll(() => trace.setGlobalTracerProvider(provider));
  afterAll(async () => {
    trace.disable();
    await provider.shutdown();
  });

  it('stores metadata as JSON text, redacted as a log line is', () => {
    const cyclic: Record<string, unknown> = { n: 1 };
    cyclic.self = cyclic;
    withSpan('login', (span) =>
      span.metadata('request', { handle: 'worf', password: 'hunter2', header: 'Bearer abc' }).metadata('loop', cyclic),
    );
    const [span] = exporter.getFinishedSpans();
    expect(JSON.parse(span.attributes['cruddur.xray.metadata.request'] as string)).toEqual({
      handle: 'worf',
      password: '[REDACTED]',
      header: 'Bearer [REDACTED]',
    });
    expect(JSON.parse(span.attributes['cruddur.xray.metadata.loop'] as string)).toEqual({ n: 1, self: '[Circular]' });
  });
});
