import { BatchGetTracesCommand, GetServiceGraphCommand, XRayClient } from '@aws-sdk/client-xray';
import { CollectorProcess } from './support/collector';
import { eventually, request } from './support/http';
import { Suite } from './support/suite';
import { type CollectedTrace, traceIdOf } from './support/traces';

/** A document as BatchGetTraces gives it back (the parts read here). */
interface Document {
  id: string;
  name: string;
  parent_id?: string;
  type?: string;
  namespace?: string;
  subsegments?: Document[];
}

interface Stats {
  protocols: Record<string, { accepted: number; rejected: number }>;
}

/** One request as the collector's `/api/intake` lists it (the parts read here). */
interface IntakeEntry {
  path: string;
  receiver: string;
  headers: { authorization?: { algorithm: string; scope: { region: string; service: string } } } & Record<
    string,
    unknown
  >;
}

const REGION = 'eu-west-1';

/** Every document with the id of its parent: nested subsegments under their enclosing document. */
function parentsOf(documents: Document[]): Record<string, string | null> {
  const parents: Record<string, string | null> = {};
  const walk = (document: Document, enclosing?: string) => {
    parents[document.id] = enclosing ?? document.parent_id ?? null;
    for (const child of document.subsegments ?? []) walk(child, document.id);
  };
  for (const document of documents) walk(document);
  return parents;
}

describe('AWS_XRAY_MODE=otlp: X-Ray over its OTLP endpoint, SigV4-signed, no UDP', () => {
  let collector: CollectorProcess;
  let suite: Suite;
  let xray: XRayClient;

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    suite = await Suite.start(
      {
        AWS_XRAY_MODE: 'otlp',
        AWS_XRAY_OTLP_ENDPOINT: `${collector.url}/v1/traces`,
        AWS_REGION: REGION,
        // Credentials from the AWS SDK's usual chain (here: the environment), as on a real host.
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLEOTLP1234',
        AWS_SECRET_ACCESS_KEY: 'not-a-real-secret',
      },
      // The daemon address is the collector's: a datagram sent anyway would be counted there.
      { otlpUrl: collector.url, daemonAddress: collector.daemonAddress },
    );
    xray = new XRayClient({
      endpoint: collector.url,
      region: REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  }, 90_000);

  afterAll(async () => {
    await suite?.stop();
    await collector?.stop();
  });

  it('gives BatchGetTraces the trace of a request with the ids and parents of the OpenTelemetry view, across the three services', async () => {
    const response = await fetch(`${suite.baseUrl}/api/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: 'worf', message: 'Qapla, @garek!', ttl: '1-day' }),
    });
    expect(response.status).toBe(201);
    const { traceId } = traceIdOf(response.headers);
    const xrayTraceId = `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;

    // The OpenTelemetry view (the ordinary, unsigned OTLP export), once all three services are in.
    const spans = await eventually(async () => {
      const { status, body } = await request<CollectedTrace>(`${collector.url}/api/traces/${traceId}`);
      const services = new Set(status === 200 ? body.spans.map((span) => span.serviceName) : []);
      return services.size === 3 ? body.spans : undefined;
    }, 15_000);
    const spanParents = Object.fromEntries(spans.map((span) => [span.spanId, span.parentSpanId ?? null]));

    // The X-Ray view, built from the signed OTLP requests only.
    const documents = await eventually(async () => {
      const { Traces } = await xray.send(new BatchGetTracesCommand({ TraceIds: [xrayTraceId] }));
      const docs = (Traces?.[0]?.Segments ?? []).map((segment) => JSON.parse(segment.Document ?? '{}') as Document);
      return Object.keys(parentsOf(docs)).length === spans.length ? docs : undefined;
    }, 15_000);
    expect(parentsOf(documents)).toEqual(spanParents);
    expect(new Set(documents.map((document) => document.name))).toEqual(
      new Set(['gateway', 'activities', 'notifications']),
    );

    // And the service graph shows the edges between them.
    const { Services } = await xray.send(
      new GetServiceGraphCommand({ StartTime: new Date(Date.now() - 600_000), EndTime: new Date(Date.now() + 60_000) }),
    );
    const nameOf = (referenceId?: number) => Services?.find((service) => service.ReferenceId === referenceId)?.Name;
    const edges = (Services ?? []).flatMap((service) =>
      (service.Edges ?? []).map((edge) => `${service.Name} → ${nameOf(edge.ReferenceId)}`),
    );
    expect(edges).toEqual(expect.arrayContaining(['gateway → activities', 'activities → notifications']));
  }, 60_000);

  it('sends the X-Ray requests SigV4-signed for xray in the region, and no UDP datagram at all', async () => {
    const {
      body: { requests: intake },
    } = await request<{ requests: IntakeEntry[] }>(`${collector.url}/api/intake?path=/v1/traces`);
    const signed = intake.filter((entry) => entry.receiver === 'xray-otlp');
    expect(signed.length).toBeGreaterThan(0);
    for (const entry of signed) {
      expect(entry.headers.authorization).toMatchObject({
        algorithm: 'AWS4-HMAC-SHA256',
        scope: { region: REGION, service: 'xray' },
      });
      expect(JSON.stringify(entry)).not.toMatch(/not-a-real-secret|Signature=/);
    }
    // The ordinary export of the same spans arrived unsigned, beside it.
    expect(intake.some((entry) => entry.receiver === 'otlp-traces')).toBe(true);
    const { body: stats } = await request<Stats>(`${collector.url}/api/stats`);
    const udp = stats.protocols.xray_udp ?? { accepted: 0, rejected: 0 };
    expect(udp.accepted + udp.rejected).toBe(0);
  });
});
