import { type Span, SpanKind } from '@opentelemetry/api';
import { ClientTCP } from '@nestjs/microservices';
import { ObservabilityAttributes, NEST_TCP_SYSTEM } from '../attributes';
import { activeTraceHeaders, traceOutgoing } from '../dependencies/outgoing-span';
import { declaredStatusOf } from '../errors/error-status';
import { depthLimitedJsonSocket } from './depth-limited-json.socket';

/** A dependency reached over Nest's TCP transport. */
export interface TcpCallTarget {
  /** The called service's logical name (`peer.service`, `rpc.service`). */
  dependency: string;
  host: string;
  port: number;
}

/** A reply nesting deeper than MAX_JSON_DEPTH fails its request (a plain `err`: TcpDependencyClient answers 502). */
const REPLY_SOCKET = depthLimitedJsonSocket(({ id }, error) => ({
  id,
  err: `reply is not valid JSON: ${error.message}`,
  isDisposed: true,
}));

/**
 * A Nest TCP client whose every packet carries the context current when it is
 * dispatched (the CLIENT or PRODUCER span of traceTcpRequest/traceTcpEvent) in
 * its metadata: the other half of createTracedTcpServer, which continues the trace from it.
 */
export function createTracedTcpClient(target: Pick<TcpCallTarget, 'host' | 'port'>): ClientTCP {
  const client = new ClientTCP({ host: target.host, port: target.port, socketClass: REPLY_SOCKET });
  client.setOnDispatchHook((packet) => {
    packet.metadata = { ...packet.metadata, ...activeTraceHeaders() };
  });
  return client;
}

/**
 * A request/response message in a CLIENT span named after the pattern; the
 * handler's status (200, or the error's) is recorded as `cruddur.rpc.status_code`.
 * A failure is recorded and rethrown unchanged.
 */
export function traceTcpRequest<T>(target: TcpCallTarget, pattern: string, send: () => Promise<T>): Promise<T> {
  const attributes = {
    'rpc.system': NEST_TCP_SYSTEM,
    'rpc.service': target.dependency,
    'rpc.method': pattern,
    'server.address': target.host,
    'server.port': target.port,
    [ObservabilityAttributes.PeerService]: target.dependency,
  };
  return traceOutgoing(
    pattern,
    SpanKind.CLIENT,
    attributes,
    async (span) => {
      const answer = await send();
      span.setAttribute(ObservabilityAttributes.RpcStatusCode, 200);
      return answer;
    },
    recordDeclaredStatus,
  );
}

/** An event in a PRODUCER span `send <pattern>`: done once handed to the peer's connection. */
export function traceTcpEvent(target: TcpCallTarget, pattern: string, emit: () => Promise<void>): Promise<void> {
  const attributes = {
    'messaging.system': NEST_TCP_SYSTEM,
    'messaging.destination.name': pattern,
    'messaging.operation.type': 'send',
    'messaging.operation.name': 'emit',
    'server.address': target.host,
    'server.port': target.port,
    [ObservabilityAttributes.PeerService]: target.dependency,
  };
  return traceOutgoing(`send ${pattern}`, SpanKind.PRODUCER, attributes, () => emit(), recordDeclaredStatus);
}

function recordDeclaredStatus(span: Span, error: unknown): void {
  const status = declaredStatusOf(error);
  if (status !== undefined) span.setAttribute(ObservabilityAttributes.RpcStatusCode, status);
}
