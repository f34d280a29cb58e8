import { CollectorProcess } from './support/collector';
import { type ErrorBody, request } from './support/http';
import { Suite } from './support/suite';
import { type CollectedTrace, settledTrace, traceIdOf } from './support/traces';

describe('collector: a trace downloaded as OTLP/JSON and in BatchGetTraces shape', () => {
  let collector: CollectorProcess;
  let other: CollectorProcess;
  let suite: Suite;
  let trace: CollectedTrace;

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    other = await CollectorProcess.start();
    suite = await Suite.start({}, { otlpUrl: collector.url, daemonAddress: collector.daemonAddress });
    const response = await fetch(`${suite.baseUrl}/api/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: 'worf', message: 'Qapla, @garek!', ttl: '1-day' }),
    });
    expect(response.status).toBe(201);
    trace = await settledTrace(collector.url, traceIdOf(response.headers).traceId, 10);
  });

  afterAll(async () => {
    await suite?.stop();
    expect(await collector?.stop()).toBe(0);
    expect(await other?.stop()).toBe(0);
  });

  it('gives the spans as an ExportTraceServiceRequest another collector takes back unchanged', async () => {
    const download = await fetch(`${collector.url}/api/traces/${trace.xrayTraceId}/otlp`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/^application\/json/);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="trace-${trace.traceId}.otlp.json"`);
    const body = await download.text();
    const services = (
      JSON.parse(body) as { resourceSpans: Array<{ resource: { attributes: Array<{ key: string }> } }> }
    ).resourceSpans;
    expect(services.length).toBeGreaterThanOrEqual(3);
    const posted = await fetch(`${other.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(posted.status).toBe(200);
    const copy = await request<CollectedTrace>(`${other.url}/api/traces/${trace.traceId}`);
    expect(copy.body.spans).toEqual(trace.spans);
  });

  it("gives the X-Ray documents in BatchGetTraces' shape", async () => {
    const download = await fetch(`${collector.url}/api/traces/${trace.traceId}/xray`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="trace-${trace.traceId}.xray.json"`);
    const answer = (await download.json()) as {
      Traces: Array<{ Id: string; Duration: number; Segments: Array<{ Id: string; Document: string }> }>;
    };
    expect(answer.Traces).toHaveLength(1);
    const [only] = answer.Traces;
    expect(only.Id).toBe(trace.xrayTraceId);
    expect(only.Duration).toBeGreaterThan(0);
    expect(only.Segments.map((segment) => segment.Id)).toEqual(trace.segments.map((segment) => segment.id));
    expect(only.Segments.map((segment) => JSON.parse(segment.Document) as unknown)).toEqual(trace.segments);
  });

  it.each([
    ['/api/traces/nope/otlp', 400, /not a trace id/],
    ['/api/traces/00000000000000000000000000000001/otlp', 404, /no trace/],
    ['/api/traces/nope/xray', 400, /not a trace id/],
    ['/api/traces/00000000000000000000000000000001/xray', 404, /no trace/],
  ])('answers %s with %i', async (path, status, message) => {
    const answer = await request<ErrorBody>(`${collector.url}${path}`);
    expect(answer.status).toBe(status);
    expect(answer.body.message).toMatch(message);
  });
});
