import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { segmentDocumentProblems } from './testing/segment-document.constraints';
import { remoteParent, startXrayTracing, type XrayTracing } from './testing/tracing.fixture';
import type { WireDocument } from './testing/udp-daemon.fixture';

const TRACE_ID = '6a1b2c3d0123456789abcdef01234567';

describe('span → X-Ray document mapping (as sent over UDP)', () => {
  let tracing: XrayTracing;

  beforeEach(async () => {
    tracing = await startXrayTracing({ serviceName: 'activities', dynamicNamingPattern: '*.cruddur.example' });
  });
  afterEach(() => tracing.close());

  /** Ends one span with these settings and returns the document the daemon received. */
  async function sent(
    attributes: Attributes,
    {
      kind = SpanKind.SERVER,
      status,
      exception,
      name = 'span',
    }: { kind?: SpanKind; status?: SpanStatusCode; exception?: Error; name?: string } = {},
  ): Promise<WireDocument> {
    // CLIENT spans get a local parent (never ended, so never sent): under a remote one they would be segments.
    const parent =
      kind === SpanKind.CLIENT
        ? trace.setSpan(ROOT_CONTEXT, tracing.tracer.startSpan('handler'))
        : remoteParent(TRACE_ID, '1111222233334444');
    const span = tracing.tracer.startSpan(name, { kind, attributes }, parent);
    if (exception) span.recordException(exception);
    if (status !== undefined) span.setStatus({ code: status });
    span.end();
    // A CLIENT span's segment (the handler) stays open: the flush sends it as an independent subsegment.
    await tracing.processor.forceFlush();
    const [document] = await tracing.daemon.waitFor(1);
    expect(segmentDocumentProblems(document)).toEqual([]);
    return document;
  }

  it.each([
    [{ 'http.response.status_code': 200 }, undefined, {}],
    [{ 'http.response.status_code': 503 }, undefined, { fault: true }],
    [{ 'http.status_code': 500 }, SpanStatusCode.ERROR, { fault: true }],
    [{ 'http.response.status_code': 429 }, undefined, { error: true, throttle: true }],
    [{ 'http.response.status_code': 404 }, SpanStatusCode.ERROR, { error: true }],
    [{ 'cruddur.rpc.status_code': 422, 'rpc.system': 'nestjs-tcp' }, SpanStatusCode.ERROR, { error: true }],
    [{ 'cruddur.rpc.status_code': 504, 'rpc.system': 'nestjs-tcp' }, SpanStatusCode.ERROR, { fault: true }],
    [{}, SpanStatusCode.ERROR, { fault: true }],
    [{}, SpanStatusCode.OK, {}],
  ])('flags %j with status %s as %j', async (attributes, status, flags) => {
    const document = await sent(attributes, { status });
    expect({ fault: document.fault, error: document.error, throttle: document.throttle }).toEqual({
      fault: undefined,
      error: undefined,
      throttle: undefined,
      ...flags,
    });
  });

  it('turns exception events into the SDK cause shape, with the status code deciding the flag', async () => {
    class NotFoundException extends Error {
      override name = 'NotFoundException';
    }
    const document = await sent(
      { 'http.response.status_code': 404 },
      { exception: new NotFoundException('no such activity') },
    );
    expect(document).toMatchObject({ error: true });
    expect(document.fault).toBeUndefined();
    const cause = document.cause as { working_directory: string; exceptions: Array<Record<string, unknown>> };
    expect(cause.working_directory).toBe(process.cwd());
    expect(cause.exceptions).toHaveLength(1);
    expect(cause.exceptions[0]).toMatchObject({
      type: 'NotFoundException',
      message: 'no such activity',
      remote: false,
    });
    const stack = cause.exceptions[0].stack as Array<{ path: string; line: number; label: string }>;
    expect(stack[0].path).toContain('span-document.mapping.spec.ts');
    expect(Number.isInteger(stack[0].line)).toBe(true);
  });

  it('keeps stack frames valid when the SDK cannot parse a line (node:internal frames)', async () => {
    const error = new Error('refused');
    error.stack =
      'Error: refused\n    at connect (/app/dist/client.js:10:5)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)';
    const document = await sent({}, { exception: error, status: SpanStatusCode.ERROR });
    const [exception] = (document.cause as { exceptions: Array<{ stack: Array<Record<string, unknown>> }> }).exceptions;
    expect(exception.stack[0]).toEqual({ path: '/app/dist/client.js', line: 10, label: 'connect' });
    expect(exception.stack[1].line).toBeUndefined();
    expect(document.fault).toBe(true);
  });

  it('maps an HTTP server span (stable names) to the http block and names it after a matching host', async () => {
    const document = await sent({
      'http.request.method': 'POST',
      'url.scheme': 'https',
      'server.address': 'api.cruddur.example',
      'server.port': 443,
      'url.path': '/api/activities',
      'url.query': 'x=1',
      'client.address': '10.0.0.7',
      'user_agent.original': 'curl/8.5.0',
      'http.response.status_code': 201,
      'http.response.body.size': 512,
      'http.route': '/api/activities',
    });
    expect(document.name).toBe('api.cruddur.example');
    expect(document.http).toEqual({
      request: {
        method: 'POST',
        url: 'https://api.cruddur.example/api/activities?x=1',
        client_ip: '10.0.0.7',
        user_agent: 'curl/8.5.0',
      },
      response: { status: 201, content_length: 512 },
    });
    expect(document.metadata).toEqual({ otel: { 'http.route': '/api/activities' } });
  });

  it('reads the old HTTP names, and keeps the service name when the host does not match the pattern', async () => {
    const document = await sent({
      'http.method': 'GET',
      'http.host': '127.0.0.1:4567',
      'http.target': '/api/activities/home?x=1',
      'http.scheme': 'http',
      'net.peer.ip': '127.0.0.1',
      'http.user_agent': 'k6',
      'http.status_code': 200,
    });
    expect(document.name).toBe('activities');
    expect(document.http).toEqual({
      request: {
        method: 'GET',
        url: 'http://127.0.0.1:4567/api/activities/home?x=1',
        client_ip: '127.0.0.1',
        user_agent: 'k6',
      },
      response: { status: 200 },
    });
  });

  it('cuts http fields to 250 characters', async () => {
    const document = await sent({ 'http.request.method': 'GET', 'url.full': `http://h/${'a'.repeat(400)}` });
    expect((document.http as { request: { url: string } }).request.url).toHaveLength(250);
  });

  it('describes a TCP span with rpc metadata instead of an http block', async () => {
    const document = await sent(
      {
        'rpc.system': 'nestjs-tcp',
        'rpc.method': 'notifications.list',
        'peer.service': 'notifications',
        'server.address': '127.0.0.1',
        'server.port': 4570,
        'cruddur.rpc.status_code': 200,
      },
      { kind: SpanKind.CLIENT, name: 'notifications.list' },
    );
    expect(document).toMatchObject({ name: 'notifications', namespace: 'remote', type: 'subsegment' });
    expect(document.http).toBeUndefined();
    expect(document.metadata).toEqual({
      rpc: { system: 'nestjs-tcp', method: 'notifications.list', peer: '127.0.0.1', port: 4570, status_code: 200 },
      otel: { 'peer.service': 'notifications' },
    });
  });

  it('names a CLIENT span without peer.service after the server address, then the span name', async () => {
    const document = await sent(
      { 'server.address': 'activities.internal', 'http.request.method': 'GET' },
      { kind: SpanKind.CLIENT, name: 'GET' },
    );
    expect(document).toMatchObject({ name: 'activities.internal', namespace: 'remote' });
  });

  it('writes the listed annotations with X-Ray keys, metadata as parsed JSON, and no secret-looking attributes', async () => {
    const document = await sent({
      'aws.xray.annotations': [
        'cruddur.handle',
        'activity.count',
        'cruddur.cached',
        'not.there',
        'tags',
        'session.token',
      ],
      'cruddur.handle': 'andrewbrown',
      'activity.count': 3,
      'cruddur.cached': false,
      tags: ['a', 'b'],
      'cruddur.xray.metadata.payload': JSON.stringify({ handle: 'worf', ttl: '7-days' }),
      'cruddur.xray.metadata.raw': 'not json',
      'cruddur.xray.metadata.credentials': JSON.stringify({ user: 'worf' }),
      'cruddur.handler': 'ActivitiesController.create',
      'http.request.header.authorization': ['Bearer abc'],
      'http.request.header.cookie': ['s=1'],
      'user.password': 'hunter2',
      api_key: 'k',
      'session.token': 't',
    });
    expect(document.annotations).toEqual({ cruddur_handle: 'andrewbrown', activity_count: 3, cruddur_cached: false });
    expect(document.metadata).toEqual({
      default: { payload: { handle: 'worf', ttl: '7-days' }, raw: 'not json' },
      otel: { 'cruddur.handler': 'ActivitiesController.create', tags: ['a', 'b'] },
    });
  });

  it('names the trace a span links to in an annotation (searchable) and lists every link in metadata', async () => {
    const linked = { traceId: '5759e988bd862e3fe1be46a994272793', spanId: '53995c3f42cd8ad8', traceFlags: 1 };
    const span = tracing.tracer.startSpan('GET /api/activities/home', {
      kind: SpanKind.SERVER,
      links: [{ context: linked }, { context: { ...linked, traceId: '0'.repeat(32) } }],
    });
    span.end();
    // A CLIENT span's segment (the handler) stays open: the flush sends it as an independent subsegment.
    await tracing.processor.forceFlush();
    const [document] = await tracing.daemon.waitFor(1);
    expect(segmentDocumentProblems(document)).toEqual([]);
    expect(document.annotations).toMatchObject({ linked_trace_id: '1-5759e988-bd862e3fe1be46a994272793' });
    expect(document.metadata).toMatchObject({
      otel: { links: [{ trace_id: '1-5759e988-bd862e3fe1be46a994272793', id: '53995c3f42cd8ad8' }] },
    });
  });

  it('keeps subsegment names within the schema characters', async () => {
    const span = tracing.tracer.startSpan(
      'Lookup (cached)? *all*',
      {},
      trace.setSpan(ROOT_CONTEXT, tracing.tracer.startSpan('parent')),
    );
    span.end();
    // A CLIENT span's segment (the handler) stays open: the flush sends it as an independent subsegment.
    await tracing.processor.forceFlush();
    const [document] = await tracing.daemon.waitFor(1);
    expect(document.name).toBe('Lookup cached all');
    expect(segmentDocumentProblems(document)).toEqual([]);
  });
});
