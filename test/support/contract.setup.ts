// Every e2e spec: each response a gateway gives to the test's fetch (and to `request`, which uses
// it) is checked against the OpenAPI document; a response that breaks it fails the fetch, and so
// the test that made it. Gateways register their origin when a test starts them (ServiceProcess).
import { contractProblems, isGatewayOrigin } from './contract';

const realFetch = globalThis.fetch;

globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const response = await realFetch(input, init);
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!isGatewayOrigin(url.origin)) return response;
  const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
  const body = await response.clone().text();
  const problems = await contractProblems({ method, url, status: response.status, headers: response.headers, body });
  if (problems.length > 0) {
    throw new Error(
      `the gateway's answer breaks its OpenAPI document (docs/openapi.json):\n  ${problems.join('\n  ')}`,
    );
  }
  return response;
};
