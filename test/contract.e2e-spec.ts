import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contractProblems, registerGateway } from './support/contract';

const exchange = (path: string, status: number, body: unknown, headers: Record<string, string> = {}) => ({
  method: 'GET',
  url: new URL(`http://127.0.0.1:1${path}`),
  status,
  headers: new Headers({ 'content-type': 'application/json; charset=utf-8', ...headers }),
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('the contract check: every gateway answer against docs/openapi.json', () => {
  it('passes an answer as described', async () => {
    expect(await contractProblems(exchange('/api/health-check', 200, { success: true, ver: 1 }))).toEqual([]);
  });

  it('fails an undocumented field, an undocumented status, a wrong type and a malformed trace header', async () => {
    expect(await contractProblems(exchange('/api/health-check', 200, { success: true, ver: 1, extra: 1 }))).toEqual([
      expect.stringMatching(/GET \/api\/health-check 200: body must NOT have additional properties .*extra/),
    ]);
    expect(await contractProblems(exchange('/api/health-check', 418, { success: true, ver: 1 }))).toEqual([
      'GET /api/health-check answered 418, a status its description does not list',
    ]);
    expect(await contractProblems(exchange('/api/activities/home', 200, [{ uuid: 'x' }]))).not.toEqual([]);
    expect(
      await contractProblems(exchange('/api/health-check', 200, { success: true, ver: 1 }, { traceresponse: 'nope' })),
    ).toEqual([expect.stringMatching(/headers/)]);
    expect(
      await contractProblems(exchange('/api/health-check', 200, 'hello', { 'content-type': 'text/plain' })),
    ).toEqual([expect.stringMatching(/Content-Type "text\/plain" is not one of application\/json/)]);
  });

  it('does not judge paths the document does not describe (an unknown route, the test-only POST /test)', async () => {
    expect(await contractProblems(exchange('/no/such/route', 404, { statusCode: 404 }))).toEqual([]);
  });

  describe('through fetch, as every e2e spec calls a gateway', () => {
    let server: Server;
    let origin = '';

    beforeAll(async () => {
      // A gateway that answers its liveness check with a field the document does not have.
      server = createServer((_request, response) => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ success: true, ver: 1, build: 'dirty' }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      registerGateway(origin);
    });

    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it("fails the test's fetch with what is wrong", async () => {
      await expect(fetch(`${origin}/api/health-check`)).rejects.toThrow(
        /the gateway's answer breaks its OpenAPI document \(docs\/openapi.json\):\n {2}GET \/api\/health-check 200: body must NOT have additional properties/,
      );
    });
  });
});
