import { SpanKind } from '@opentelemetry/api';
import { ObservabilityAttributes } from '../attributes';
import { activeTraceHeaders, traceOutgoing } from './outgoing-span';

/** An HTTP call to a dependency of the service. */
export interface HttpCallTarget {
  /** The called service's logical name (`peer.service`; X-Ray names the remote subsegment after it). */
  dependency: string;
  method: string;
  url: URL;
}

/** What a traced HTTP exchange tells its span. */
export interface HttpCallRecorder {
  /** The answer's status code, once the response head arrived. */
  responded(status: number): void;
}

/**
 * Runs one HTTP exchange in a CLIENT span named `METHOD dependency`; `exchange`
 * gets the trace headers to send (the span is their parent) and reports the
 * answer's status. A failure is recorded on the span and rethrown unchanged.
 */
export function traceHttpCall<T>(
  target: HttpCallTarget,
  exchange: (traceHeaders: Record<string, string>, recorder: HttpCallRecorder) => Promise<T>,
): Promise<T> {
  const { url } = target;
  const attributes = {
    'http.request.method': target.method,
    'url.full': url.toString(), // secrets masked by SecretAttributeRedactor, as on every span
    'server.address': url.hostname,
    'server.port': Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    [ObservabilityAttributes.PeerService]: target.dependency,
  };
  return traceOutgoing(`${target.method} ${target.dependency}`, SpanKind.CLIENT, attributes, (span) =>
    exchange(activeTraceHeaders(), { responded: (status) => span.setAttribute('http.response.status_code', status) }),
  );
}
