import { CollectorProcess } from './support/collector';
import { eventually, request } from './support/http';
import { Suite } from './support/suite';
import { type CollectedTrace, traceIdOf } from './support/traces';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request that crosses all three services (gateway → activities → notifications), and its trace id. */
async function tracedRequest(suite: Suite): Promise<string> {
  const response = await fetch(`${suite.baseUrl}/api/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ handle: 'worf', message: 'Qapla, @garek!', ttl: '1-day' }),
  });
  expect(response.status).toBe(201);
  return traceIdOf(response.headers).traceId;
}

/** OTLP/JSON of a trace as the collector received it (resource attributes included). */
interface OtlpDownload {
  resourceSpans: Array<{
    resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
    scopeSpans: Array<{ scope: { name: string }; spans: unknown[] }>;
  }>;
}

const spansAt = async (collector: CollectorProcess, traceId: string): Promise<number> => {
  const { status, body } = await request<CollectedTrace>(`${collector.url}/api/traces/${traceId}`);
  return status === 200 ? body.spans.length : 0;
};

describe("the SDK's OTEL_* environment", () => {
  let first: CollectorProcess;
  let second: CollectorProcess;

  beforeAll(async () => {
    [first, second] = await Promise.all([CollectorProcess.start(), CollectorProcess.start()]);
  });

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, _HEADERS and OTEL_RESOURCE_ATTRIBUTES: spans at the second collector with the attribute and the header, none at the first', async () => {
    const suite = await Suite.start(
      {
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${second.url}/v1/traces`,
        OTEL_EXPORTER_OTLP_HEADERS: 'x-honeycomb-team=k',
        OTEL_RESOURCE_ATTRIBUTES: 'team=cruddur',
      },
      { otlpUrl: first.url, daemonAddress: first.daemonAddress },
    );
    try {
      const traceId = await tracedRequest(suite);
      const trace = await eventually(async () => {
        const { status, body } = await request<CollectedTrace>(`${second.url}/api/traces/${traceId}`);
        const services = new Set(status === 200 ? body.spans.map((span) => span.serviceName) : []);
        return services.size === 3 ? body : undefined;
      }, 15_000);
      expect(new Set(trace.spans.map((span) => span.serviceName))).toEqual(
        new Set(['gateway', 'activities', 'notifications']),
      );
      const { body: otlp } = await request<OtlpDownload>(`${second.url}/api/traces/${traceId}/otlp`);
      for (const resourceSpans of otlp.resourceSpans) {
        const attributes = Object.fromEntries(
          resourceSpans.resource.attributes.map((attribute) => [attribute.key, attribute.value.stringValue]),
        );
        expect(attributes).toMatchObject({ team: 'cruddur', 'telemetry.sdk.name': 'opentelemetry' });
      }
      // The incoming-HTTP spans come from auto-instrumentations-node's http instrumentation.
      const scopes = otlp.resourceSpans.flatMap((resourceSpans) => resourceSpans.scopeSpans.map((s) => s.scope.name));
      expect(scopes).toContain('@opentelemetry/instrumentation-http');

      // Which headers the export requests carried: the header is there, its value (a key) is not shown.
      const {
        body: { requests: intake },
      } = await request<{ requests: IntakeEntry[] }>(`${second.url}/api/intake?path=/v1/traces`);
      const exports = intake.filter((entry) => entry.path === '/v1/traces');
      expect(exports.length).toBeGreaterThan(0);
      for (const entry of exports) {
        expect(entry.headers['x-honeycomb-team']).toMatch(/redacted/);
        expect(JSON.stringify(entry.headers['x-honeycomb-team'])).not.toMatch(/"k"/);
      }

      // The first collector got the X-Ray documents (the daemon address) but no span of the trace.
      await sleep(1000);
      expect(await spansAt(first, traceId)).toBe(0);
      const {
        body: { requests: firstIntake },
      } = await request<{ requests: IntakeEntry[] }>(`${first.url}/api/intake?path=/v1/traces`);
      expect(firstIntake.filter((entry) => entry.path === '/v1/traces')).toEqual([]);
    } finally {
      await suite.stop();
    }
  }, 90_000);

  it('OTEL_TRACES_EXPORTER=console prints the spans and sends none', async () => {
    const suite = await Suite.start(
      { OTEL_TRACES_EXPORTER: 'console' },
      { otlpUrl: first.url, daemonAddress: first.daemonAddress },
    );
    try {
      const traceId = await tracedRequest(suite);
      await eventually(async () => suite.services.notifications.logs.includes(`traceId: '${traceId}'`) || undefined);
      for (const service of Object.values(suite.services)) {
        expect(service.logs).toContain(`traceId: '${traceId}'`);
      }
      // The gateway's server span ends after its response, so it may print after notifications' spans.
      const httpScope = /instrumentationScope: \{\s+name: '@opentelemetry\/instrumentation-http'/;
      await eventually(async () => httpScope.test(suite.services.gateway.logs) || undefined);
      expect(suite.services.gateway.logs).toMatch(httpScope);
      await sleep(1000);
      expect(await spansAt(first, traceId)).toBe(0);
    } finally {
      await suite.stop();
    }
  }, 90_000);

  it('OTEL_TRACES_EXPORTER=none sends no span, while the X-Ray view and traceresponse still work', async () => {
    const suite = await Suite.start(
      { OTEL_TRACES_EXPORTER: 'none' },
      { otlpUrl: first.url, daemonAddress: first.daemonAddress },
    );
    try {
      const traceId = await tracedRequest(suite);
      const trace = await eventually(async () => {
        const { status, body } = await request<CollectedTrace>(`${first.url}/api/traces/${traceId}`);
        return status === 200 && body.segments.length >= 3 ? body : undefined;
      }, 15_000);
      await sleep(1000);
      expect(trace.spans).toEqual([]);
      expect(await spansAt(first, traceId)).toBe(0);
      for (const service of Object.values(suite.services)) expect(service.logs).not.toContain(`traceId: '${traceId}'`);
    } finally {
      await suite.stop();
    }
  }, 90_000);
});

/** One request as the collector's `/api/intake` lists it. */
interface IntakeEntry {
  path: string;
  headers: Record<string, unknown>;
}
