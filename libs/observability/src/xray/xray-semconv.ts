import {
  ATTR_CLIENT_ADDRESS,
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_STACKTRACE,
  ATTR_EXCEPTION_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_SERVICE_VERSION,
  ATTR_URL_FULL,
  ATTR_URL_PATH,
  ATTR_URL_QUERY,
  ATTR_URL_SCHEME,
  ATTR_USER_AGENT_ORIGINAL,
} from '@opentelemetry/semantic-conventions';

/**
 * The attribute names the X-Ray conversion reads. Stable names come from
 * `@opentelemetry/semantic-conventions`; the pre-1.20 HTTP/net names (still
 * emitted by older instrumentations and by `OTEL_SEMCONV_STABILITY_OPT_IN=http/dup`)
 * and the incubating rpc/messaging names are written out here, as the
 * semantic-conventions package advises for incubating names (they may move
 * between its minor versions) and because its `SEMATTRS_*` exports are deprecated.
 */
export const Semconv = {
  httpMethod: [ATTR_HTTP_REQUEST_METHOD, 'http.method'],
  httpStatus: [ATTR_HTTP_RESPONSE_STATUS_CODE, 'http.status_code'],
  urlFull: [ATTR_URL_FULL, 'http.url'],
  urlScheme: [ATTR_URL_SCHEME, 'http.scheme'],
  /** Path without the query (`url.path`), or the request target with it (`http.target`). */
  urlPath: [ATTR_URL_PATH],
  httpTarget: ['http.target'],
  urlQuery: [ATTR_URL_QUERY],
  /** The Host a server span was addressed to, in the order the brief gives: server.address, http.host, Host header. */
  host: [ATTR_SERVER_ADDRESS, 'http.host', 'net.host.name', 'http.request.header.host'],
  serverPort: [ATTR_SERVER_PORT, 'net.host.port'],
  /** The called peer of a CLIENT span when `peer.service` is missing. */
  peerAddress: [ATTR_SERVER_ADDRESS, 'net.peer.name', 'http.host'],
  clientIp: [ATTR_CLIENT_ADDRESS, 'http.client_ip', 'net.peer.ip'],
  userAgent: [ATTR_USER_AGENT_ORIGINAL, 'http.user_agent'],
  responseLength: ['http.response.body.size', 'http.response_content_length', 'http.response.header.content-length'],
  rpcSystem: ['rpc.system'],
  rpcMethod: ['rpc.method'],
  rpcService: ['rpc.service'],
  messagingSystem: ['messaging.system'],
  messagingDestination: ['messaging.destination.name', 'messaging.destination'],
  messagingOperation: ['messaging.operation.type', 'messaging.operation'],
  exceptionType: ATTR_EXCEPTION_TYPE,
  exceptionMessage: ATTR_EXCEPTION_MESSAGE,
  exceptionStacktrace: ATTR_EXCEPTION_STACKTRACE,
  serviceVersion: ATTR_SERVICE_VERSION,
} as const;

/** Every attribute the X-Ray document carries in a field of its own (so not again in `metadata.otel`). */
export const MAPPED_ATTRIBUTES: ReadonlySet<string> = new Set(
  Object.values(Semconv).flatMap((names: string | readonly string[]) => (typeof names === 'string' ? [names] : names)),
);
