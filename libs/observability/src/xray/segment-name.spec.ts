import { SpanKind } from '@opentelemetry/api';
import { annotationKey } from './annotations.mapper';
import { toSegmentName } from './segment-name';
import { startXrayTracing } from './testing/tracing.fixture';

describe('X-Ray names', () => {
  it.each([
    ['ActivitiesController.home', 'ActivitiesController.home'],
    ['GET /api/activities/:uuid', 'GET /api/activities/:uuid'],
    ['notifications.list (tcp)!', 'notifications.list tcp'],
    ['Ærø-ß_1@x', 'Ærø-ß_1@x'],
    ['x'.repeat(250), 'x'.repeat(200)],
    ['()', 'fallback'],
  ])('%j → %j', (raw, name) => {
    expect(toSegmentName(raw, 'fallback')).toBe(name);
  });

  it('falls back to "span" when the fallback is empty too', () => {
    expect(toSegmentName('??', '**')).toBe('span');
  });

  it('writes annotation keys with only [A-Za-z0-9_]', () => {
    expect(annotationKey('cruddur.user-handle/é')).toBe('cruddur_user_handle__');
  });

  it.each([
    ['api-?.cruddur.*', 'api-1.cruddur.example', 'api-1.cruddur.example'],
    ['api-?.cruddur.*', 'api-12.cruddur.example', 'gateway'],
    ['*', 'localhost:4567', 'localhost:4567'],
  ])('dynamic naming %s with host %s names the segment %s', async (pattern, host, name) => {
    const tracing = await startXrayTracing({ serviceName: 'gateway', dynamicNamingPattern: pattern });
    try {
      tracing.tracer
        .startSpan('GET /', { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'GET', 'http.host': host } })
        .end();
      // Not an HTTP span: always the service name.
      tracing.tracer
        .startSpan('notifications.list', {
          kind: SpanKind.SERVER,
          attributes: { 'rpc.system': 'nestjs-tcp', 'http.host': host },
        })
        .end();
      const [http, tcp] = await tracing.daemon.waitFor(2);
      expect(http.name).toBe(name);
      expect(tcp.name).toBe('gateway');
    } finally {
      await tracing.close();
    }
  });
});
