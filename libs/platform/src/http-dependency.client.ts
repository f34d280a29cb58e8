import { parseJson } from '@app/common';
import { type HttpCallRecorder, traceHttpCall } from '@app/observability';
import {
  DependencyFailedException,
  DependencyTimeoutException,
  DependencyUnavailableException,
  errorCodeOf,
  upstreamErrorToException,
} from './dependency.exceptions';

export interface HttpDependencyOptions {
  /** Name of the dependency, used in error answers and logs. */
  name: string;
  /** Base URL, for example `http://127.0.0.1:4568`. */
  baseUrl: string;
  /** Time allowed for the whole exchange (connect, answer, body). */
  timeoutMs: number;
}

/** Codes of a connection closed under a request before any answer (undici's, then the socket's). */
const CLOSED_BEFORE_ANSWER = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'UND_ERR_CLOSED']);

function isClosedBeforeAnswer(error: unknown): boolean {
  return CLOSED_BEFORE_ANSWER.has(errorCodeOf(error) ?? '');
}

export type QueryValue = string | readonly string[] | undefined;

/**
 * A JSON-over-HTTP client for one dependency. Every call has a timeout, and
 * every failure becomes an HttpException that names the dependency, so a
 * handler can simply let it propagate.
 */
export class HttpDependencyClient {
  constructor(private readonly options: HttpDependencyOptions) {}

  get<T>(path: string, query: Record<string, QueryValue> = {}): Promise<T> {
    return this.request<T>('GET', path, query, undefined);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, {}, body);
  }

  /** One exchange, traced by the observability library: its span's context travels in the request's trace headers. */
  private request<T>(method: string, path: string, query: Record<string, QueryValue>, body: unknown): Promise<T> {
    const url = new URL(path, this.options.baseUrl);
    for (const [key, value] of Object.entries(query)) {
      for (const item of typeof value === 'string' ? [value] : (value ?? [])) {
        url.searchParams.append(key, item);
      }
    }
    return traceHttpCall({ dependency: this.options.name, method, url }, (traceHeaders, recorder) =>
      this.exchange<T>(method, url, body, traceHeaders, recorder),
    );
  }

  private async exchange<T>(
    method: string,
    url: URL,
    body: unknown,
    traceHeaders: Record<string, string>,
    recorder: HttpCallRecorder,
  ): Promise<T> {
    const { name, timeoutMs } = this.options;
    let status: number;
    let text: string;
    const signal = AbortSignal.timeout(timeoutMs);
    const send = () =>
      fetch(url, {
        method,
        headers: {
          ...traceHeaders,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    try {
      const response = await send().catch((error: unknown) => {
        // A kept-alive connection the dependency closed as the request went out on it (a service
        // draining closes its idle connections): nothing was processed, so a GET is sent once more,
        // on a new connection, within the same timeout.
        if (method === 'GET' && isClosedBeforeAnswer(error)) return send();
        throw error;
      });
      status = response.status;
      recorder.responded(status);
      text = await response.text();
    } catch (error) {
      // AbortSignal.timeout rejects with a DOMException named TimeoutError (checked by name: it may come from another realm).
      if ((error as { name?: unknown } | null)?.name === 'TimeoutError') {
        throw new DependencyTimeoutException(name, timeoutMs);
      }
      throw new DependencyUnavailableException(name, error);
    }
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : parseJson(text);
    } catch {
      throw new DependencyFailedException(name, `answered ${status} with a body that is not JSON`);
    }
    if (status < 200 || status >= 300) throw upstreamErrorToException(name, status, parsed);
    return parsed as T;
  }
}
