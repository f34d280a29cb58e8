import { readFileSync } from 'node:fs';
import path from 'node:path';
import addFormats from 'ajv-formats';
import OpenAPIBackend, { type Document, type Operation } from 'openapi-backend';

/** The gateway's OpenAPI document as committed (`npm run openapi`; a test keeps it equal to what the gateway serves). */
export const OPENAPI_DOCUMENT = path.resolve(__dirname, '..', '..', 'docs', 'openapi.json');

/** One response of the gateway, as a test received it. */
export interface GatewayExchange {
  method: string;
  url: URL;
  status: number;
  headers: Headers;
  body: string;
}

/** The origins (`http://127.0.0.1:<port>`) at which tests run a gateway: every response from them is checked. */
const gatewayOrigins = new Set<string>();

export function registerGateway(origin: string): void {
  gatewayOrigins.add(new URL(origin).origin);
}

export function isGatewayOrigin(origin: string): boolean {
  return gatewayOrigins.has(origin);
}

let backend: Promise<OpenAPIBackend> | undefined;

/** openapi-backend over a document (the committed one by default): its router and its response validators. */
export function contractOf(definition?: Document): Promise<OpenAPIBackend> {
  const load = async () => {
    const api = new OpenAPIBackend({
      definition: definition ?? (JSON.parse(readFileSync(OPENAPI_DOCUMENT, 'utf8')) as Document),
      validate: true,
      // Skips openapi-backend's own check of the document, which knows OpenAPI 3.0 only (it refuses 3.1's
      // `type: [..., "null"]`, and then leaves the document unresolved): test/openapi.e2e-spec.ts checks it
      // with a 3.1 validator.
      quick: true,
      // Requests are the tests' own, hostile ones on purpose: only what the gateway answers is judged.
      ajvOpts: { strict: false },
      // The document's formats (uuid, date-time, uri) are checked, not skipped.
      customizeAjv: (ajv) => {
        addFormats(ajv);
        return ajv;
      },
    });
    return api.init();
  };
  if (definition) return load();
  backend ??= load();
  return backend;
}

/**
 * What a response does wrong by the document: an empty list when it is as
 * described. A request to a path the document does not describe is not
 * judged (the gateway's 404 for an unknown route, the test-only `POST /test`);
 * a described operation must answer a documented status, in a documented
 * content type, with a body that matches the schema and the required headers.
 */
export async function contractProblems(exchange: GatewayExchange, api?: OpenAPIBackend): Promise<string[]> {
  const contract = api ?? (await contractOf());
  const operation = contract.matchOperation({
    method: exchange.method.toLowerCase(),
    path: exchange.url.pathname,
    query: Object.fromEntries(exchange.url.searchParams),
    headers: Object.fromEntries(exchange.headers),
  });
  if (!operation) return [];
  const name = `${exchange.method.toUpperCase()} ${operation.path}`;
  const response = documentedResponse(operation, exchange.status);
  if (!response) return [`${name} answered ${exchange.status}, a status its description does not list`];

  const problems: string[] = [];
  const contentType = (exchange.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const content = response.content ?? {};
  if (Object.keys(content).length === 0) {
    if (exchange.body.length > 0) problems.push(`${name} ${exchange.status}: a body where none is described`);
  } else if (!(contentType in content)) {
    problems.push(
      `${name} ${exchange.status}: Content-Type "${contentType}" is not one of ${Object.keys(content).join(', ')}`,
    );
  } else if (contentType === 'application/json') {
    let body: unknown;
    try {
      body = JSON.parse(exchange.body);
    } catch {
      return [`${name} ${exchange.status}: the body is not JSON`];
    }
    const result = contract.validateResponse(body, operation, exchange.status);
    for (const error of result.errors ?? []) {
      problems.push(
        `${name} ${exchange.status}: body${error.instancePath} ${error.message ?? ''} ${paramsOf(error.params)}`.trim(),
      );
    }
  }
  const headers = Object.fromEntries(exchange.headers);
  // The default match: each header present must be as described (openapi-backend's `superset` would demand every optional one).
  const headerResult = contract.validateResponseHeaders(headers, operation, { statusCode: exchange.status });
  for (const error of headerResult.errors ?? []) {
    problems.push(`${name} ${exchange.status}: headers${error.instancePath} ${error.message ?? ''}`.trim());
  }
  return problems;
}

type ResponseObject = { content?: Record<string, unknown> };

function documentedResponse(operation: Operation, status: number): ResponseObject | undefined {
  const responses = (operation.responses ?? {}) as Record<string, ResponseObject>;
  return responses[String(status)] ?? responses[`${Math.floor(status / 100)}XX`] ?? responses.default;
}

function paramsOf(params: unknown): string {
  const entries = Object.entries((params ?? {}) as Record<string, unknown>);
  return entries.length > 0 ? `(${entries.map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(', ')})` : '';
}
