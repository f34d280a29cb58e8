import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { SecretAttributeRedactor } from './secret-attribute.redactor';

describe('SecretAttributeRedactor', () => {
  it('masks attributes with a secret name before exporters see the span, and keeps the others', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({
      spanProcessors: [new SecretAttributeRedactor(), new SimpleSpanProcessor({ exporter })],
    });
    const span = provider.getTracer('spec').startSpan('GET /api/activities/home', {
      attributes: { 'http.request.method': 'GET', 'http.request.header.authorization': ['Bearer s3cr3t'] },
    });
    span.setAttribute('user.password', 'hunter2');
    span.setAttribute('cruddur.handle', 'andrewbrown');
    span.end();
    await provider.forceFlush();

    const [exported] = exporter.getFinishedSpans();
    expect(exported.attributes).toEqual({
      'http.request.method': 'GET',
      'http.request.header.authorization': '[REDACTED]',
      'user.password': '[REDACTED]',
      'cruddur.handle': 'andrewbrown',
    });
    await provider.shutdown();
  });
});
