import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Validator } from '@seriousme/openapi-schema-validator';
import { request } from './support/http';
import {
  OPENAPI_FILE,
  operationsOf,
  parametersOf,
  readCommittedDocument,
  readmeGatewayEndpoints,
} from './support/openapi';
import { Suite } from './support/suite';

const ROOT = path.resolve(__dirname, '..');

/** Validates a copy: the validator keeps (and resolves) what it is given. */
async function validate(document: OpenAPIObject): Promise<{ valid: boolean; errors?: unknown }> {
  return new Validator().validate({ ...structuredClone(document) });
}

/** A 404 of the router itself (no such route), as opposed to a handler's 404 (no such activity). */
const isUnknownRoute = (status: number, body: unknown) =>
  status === 404 && /^Cannot [A-Z]+ \//.test((body as { message?: string }).message ?? '');

describe('the OpenAPI document', () => {
  let suite: Suite;
  let served: OpenAPIObject;
  const committed = readCommittedDocument();

  beforeAll(async () => {
    // Settings that change what the gateway serves, so that an equal document shows it depends on none.
    suite = await Suite.start({
      TRACE_CONTEXT_TEST: '1',
      GATEWAY_BODY_LIMIT_BYTES: '2048',
      DEPENDENCY_TIMEOUT_MS: '3000',
    });
    const answer = await request<OpenAPIObject>(`${suite.baseUrl}/api/openapi.json`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    served = answer.body;
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('is served at /api/openapi.json as a valid OpenAPI 3 document, the one in docs/openapi.json', async () => {
    expect(served.openapi).toMatch(/^3\./);
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(served.info.version).toBe(version);
    expect(await validate(served)).toEqual({ valid: true });
    expect(served).toStrictEqual(committed);
  });

  it('fails validation when broken, so the check above can fail', async () => {
    const withoutDescription = structuredClone(committed);
    delete (withoutDescription.paths['/api/activities/home'].get?.responses['200'] as { description?: string })
      .description;
    expect((await validate(withoutDescription)).valid).toBe(false);

    const danglingRef = structuredClone(committed);
    danglingRef.paths['/api/activities/home'].get!.responses['200'] = {
      description: 'a reference to nothing',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Nothing' } } },
    };
    expect((await validate(danglingRef)).valid).toBe(false);
  });

  it("has every endpoint of the README's gateway table, and nothing else", () => {
    const readme = readmeGatewayEndpoints();
    expect(readme.length).toBeGreaterThanOrEqual(10);
    const documented = operationsOf(committed).map(({ method, path: template }) => `${method} ${template}`);
    expect([...documented].sort()).toEqual([...readme].sort());
  });

  it('leaves out the test-only POST /test, which this gateway serves', async () => {
    expect(Object.keys(committed.paths)).not.toContain('/test');
    const test = await request(`${suite.baseUrl}/test`, { body: {} });
    expect(test.status).toBe(400);
  });

  it('documents operations that exist: none is an unknown route on the gateway', async () => {
    const unknown = await request(`${suite.baseUrl}/api/no-such-route`);
    expect(isUnknownRoute(unknown.status, unknown.body)).toBe(true);

    for (const { method, path: template, operation } of operationsOf(committed)) {
      const parameters = parametersOf(operation);
      const example = (name: string) => {
        const parameter = parameters.find((candidate) => candidate.name === name);
        return String((parameter?.schema as { example?: unknown } | undefined)?.example ?? 'x');
      };
      const url = new URL(
        template.replace(/\{(\w+)\}/g, (_match, name: string) => example(name)),
        suite.baseUrl,
      );
      for (const query of parameters.filter((parameter) => parameter.in === 'query' && parameter.required)) {
        url.searchParams.set(query.name, example(query.name));
      }
      const response = await fetch(url, {
        method,
        // An empty body: a POST answers 422, and creates nothing.
        ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
      });
      const text = await response.text();
      const body: unknown = response.headers.get('content-type')?.startsWith('application/json')
        ? JSON.parse(text)
        : {};
      expect({ route: `${method} ${template}`, unknown: isUnknownRoute(response.status, body) }).toEqual({
        route: `${method} ${template}`,
        unknown: false,
      });
      expect(Object.keys(operation.responses)).toContain(String(response.status));
    }
  });
});

describe('npm run openapi', () => {
  it('writes the committed docs/openapi.json again, byte for byte', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'openapi-test-'));
    try {
      const output = path.join(scratch, 'openapi.json');
      const run = spawnSync('npm', ['run', '--silent', 'openapi', '--', output], { cwd: ROOT, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`npm run openapi failed (${run.status}): ${run.stderr}`);
      expect(readFileSync(output, 'utf8')).toBe(readFileSync(OPENAPI_FILE, 'utf8'));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 120_000);
});
