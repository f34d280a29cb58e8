import { type Span, SpanKind } from '@opentelemetry/api';
import { PEER_SERVICE, traceDependencyCall, traceHeaders } from './dependency.tracing';
import {
  DependencyFailedException,
  DependencyTimeoutException,
  DependencyUnavailableException,
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

export type QueryValue = string | readonly string[] | undefined;

/**
 * A JSON-over-HTTP client for one dependency. Every call has a timeout, and
 * every failure becomes an HttpException that names the dependency, so a
 * handler can simply let it propagate.
 */
export class HttpDependencyClient {
  constructor(private readonly options: HttpDependencyOptions) {}

  get name(): string {
    return this.options.name;
  }

  get<T>(path: string, query: Record<string, QueryValue> = {}): Promise<T> {
    return this.request<T>('GET', path, query, undefined);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, {}, body);
  }

  /** One exchange in a CLIENT span, whose context travels in the request's trace headers. */
  private request<T>(method: string, path: string, query: Record<string, QueryValue>, body: unknown): Promise<T> {
    const url = new URL(path, this.options.baseUrl);
    for (const [key, value] of Object.entries(query)) {
      for (const item of typeof value === 'string' ? [value] : (value ?? [])) {
        url.searchParams.append(key, item);
      }
    }
    const attributes = {
      'http.request.method': method,
      'url.full': url.toString(),
      'server.address': url.hostname,
      'server.port': Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      [PEER_SERVICE]: this.options.name,
    };
    return traceDependencyCall(
      `${method} ${this.options.name}`,
      SpanKind.CLIENT,
      attributes,
      (span) => this.exchange<T>(method, url, body, span),
      () => undefined,
    );
  }

  private async exchange<T>(method: string, url: URL, body: unknown, span: Span): Promise<T> {
    const { name, timeoutMs } = this.options;
    let status: number;
    let text: string;
    try {
      const response = await fetch(url, {
        method,
        headers: {
          ...traceHeaders(),
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      span.setAttribute('http.response.status_code', status);
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
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new DependencyFailedException(name, `answered ${status} with a body that is not JSON`);
    }
    if (status < 200 || status >= 300) throw upstreamErrorToException(name, status, parsed);
    return parsed as T;
  }
}
