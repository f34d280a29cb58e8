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

describe('SecretAttributeRedactor: URLs', () => {
  it('redacts secret query parameters and userinfo in url.full, url.query, http.url and http.target', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({
      spanProcessors: [new SecretAttributeRedactor(), new SimpleSpanProcessor({ exporter })],
    });
    const span = provider.getTracer('spec').startSpan('GET activities', {
      attributes: {
        'url.full': 'http://bob:pw@127.0.0.1:3001/activities/search?term=x&token=SECRET123',
        'url.query': 'term=x&api_key=KEY456',
        'http.url': 'http://127.0.0.1/x?Signature=abc',
        'http.target': '/x?password=hunter2&page=1',
        'url.path': '/activities/search',
      },
    });
    span.end();
    await provider.forceFlush();
    expect(exporter.getFinishedSpans()[0].attributes).toEqual({
      'url.full': 'http://REDACTED:REDACTED@127.0.0.1:3001/activities/search?term=x&token=REDACTED',
      'url.query': 'term=x&api_key=REDACTED',
      'http.url': 'http://127.0.0.1/x?Signature=REDACTED',
      'http.target': '/x?password=REDACTED&page=1',
      'url.path': '/activities/search',
    });
    await provider.shutdown();
  });
});
