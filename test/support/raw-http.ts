import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** An HTTP answer, headers as Node reads them, the body as text. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP exchange with full control of the request headers: an array
 * value is sent as that many header lines of the same name (fetch would
 * join them into one), and values go out exactly as given.
 */
export function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string | string[]>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers, timeout: 15_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`${url} did not answer within 15 s`)));
    req.on('error', reject);
    req.end(init.body);
  });
}
