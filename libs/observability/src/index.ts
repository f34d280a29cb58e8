// The face of the observability library. Start telemetry with
// `@app/observability/telemetry` first thing in main.ts (before Nest loads);
// everything else comes from here.
export * from './attributes';
export * from './observability.options';
export * from './observability-options.reader';
export * from './observability.module';
export * from './interceptors/tracing.interceptor';
export * from './interceptors/error-reporting.interceptor';
export * from './traced-span';
export * from './traced.decorator';
export * from './tcp/traced-tcp.server';
export * from './tcp/traced-tcp.client';
export { dropTcpReply } from './tcp/dropped-replies';
export { isTcpEvent } from './tcp/tcp-message.state';
export * from './spans/injected-fault';
export type { TcpAccessEntry } from './tcp/tcp-access.entry';
export * from './dependencies/http-call.tracing';
export { isRelayedError, type RelayedError } from './errors/relayed-error';
export * from './http/trace-response.middleware';
export { shareHttpRoute } from './http/http-route';
export type { Telemetry } from './telemetry';
export * from './reporting-options.reader';
export * from './observability.constants';
export * from './redaction/secret-name';
export * from './logging';
export * from './errors';
export * from './reporting';
