import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { rootOnlyParentSpanId } from '../propagation/root-only-parent';
import { remoteParent, startXrayTracing } from './testing/tracing.fixture';

it('validates against AWS schema', async () => {
  const schema = JSON.parse(readFileSync('/work/shared/reference/xray-segmentdocument-schema-v1.0.0.json', 'utf8'));
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);
  const t = await startXrayTracing({ serviceName: 'gateway', dynamicNamingPattern: '*' });
  const TRACE = '6a1b2c3d0123456789abcdef01234567';
  const server = t.tracer.startSpan('GET /api/x', { kind: SpanKind.SERVER, attributes: {
    'http.request.method': 'GET', 'server.address': 'api.example.com', 'url.path': '/api/x', 'url.query': 'a=1', 'client.address': '1.2.3.4',
    'user_agent.original': 'x'.repeat(300), 'http.response.status_code': 429, 'aws.xray.annotations': ['a.b', 'n', 'long'], 'a.b': 'v', n: 4, long: 'y'.repeat(2000),
    'cruddur.xray.metadata.obj': '{"k":[1,2]}', 'cruddur.xray.metadata.arr': '[1,2]', 'cruddur.xray.metadata.num': '5', 'http.route': '/api/x', 'arr.attr': [1, 2],
  } }, remoteParent(TRACE, rootOnlyParentSpanId(TRACE)));
  server.recordException(new TypeError('boom'));
  server.setStatus({ code: SpanStatusCode.ERROR });
  const ctx = trace.setSpan(ROOT_CONTEXT, server);
  const handler = t.tracer.startSpan('Ctrl.method (x)', {}, ctx);
  handler.recordException({ name: 'X', message: 'no stack' });
  handler.setStatus({ code: SpanStatusCode.ERROR });
  const client = t.tracer.startSpan('notifications.list', { kind: SpanKind.CLIENT, attributes: { 'rpc.system': 'nestjs-tcp', 'rpc.method': 'notifications.list', 'peer.service': 'notifications', 'cruddur.rpc.status_code': 503 } }, trace.setSpan(ROOT_CONTEXT, handler));
  const producer = t.tracer.startSpan('activity.created', { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'nestjs-tcp', 'messaging.destination.name': 'activity.created' } }, ctx);
  const httpClient = t.tracer.startSpan('GET', { kind: SpanKind.CLIENT, attributes: { 'http.request.method': 'GET', 'url.full': 'http://127.0.0.1:4568/activities', 'http.response.status_code': 404, 'peer.service': 'activities' } }, ctx);
  for (const s of [client, producer, httpClient, handler, server]) s.end();
  const docs = await t.daemon.waitFor(5);
  for (const d of docs) {
    const ok = validate(d);
    if (!ok) console.log(JSON.stringify(d), validate.errors);
    expect(ok).toBe(true);
  }
  console.log(docs.map((d) => JSON.stringify(d)).join('\n'));
  await t.close();
});
