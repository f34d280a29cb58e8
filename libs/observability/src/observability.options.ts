/** How spans leave the process over OTLP/HTTP. */
export interface OtlpExportOptions {
  /**
   * Base endpoint; `/v1/traces` is appended (OTEL_EXPORTER_OTLP_ENDPOINT semantics).
   * @default 'http://127.0.0.1:4318' (the suite's collector)
   */
  endpoint: string;
  /** Extra headers, for example a Honeycomb team key (OTEL_EXPORTER_OTLP_HEADERS). */
  headers: Record<string, string>;
  /** @default 'http/protobuf' */
  protocol: 'http/protobuf' | 'http/json';
  /** Delay between batch exports, in ms; short locally so a trace shows up within a second. @default 200 */
  scheduledDelayMs: number;
  /** Spans queued before new ones are dropped (counted). @default 2048 */
  maxQueueSize: number;
}

/** How sampling decisions are made at the root of a trace (children follow their parent). */
export type SamplingOptions =
  | { mode: 'always' }
  | { mode: 'never' }
  /** X-Ray sampling rules fetched from the daemon's proxy (GetSamplingRules / SamplingTargets). */
  | { mode: 'xray-remote' }
  /** X-Ray sampling rules from a file in the CreateSamplingRule input shape (`{"SamplingRule": {...}}`). */
  | { mode: 'xray-file'; file: string };

export interface XrayOptions {
  /** Whether segments are sent at all. @default true */
  enabled: boolean;
  /** `host:port` of the X-Ray daemon (AWS_XRAY_DAEMON_ADDRESS). @default '127.0.0.1:2000' */
  daemonAddress: string;
  /**
   * Dynamic naming pattern (AWS_XRAY_URL): a segment of an HTTP request whose
   * Host matches it (`*` and `?` wildcards) is named after the host.
   */
  dynamicNamingPattern?: string;
}

/** Options of the whole library, read from the environment by each app's telemetry file. */
export interface ObservabilityOptions {
  /** Whether anything is recorded; off gives no-op tracing (for the benchmark's baseline). @default true */
  enabled: boolean;
  /** `service.name` of the resource and the X-Ray segment name. */
  serviceName: string;
  /** `service.version`. */
  serviceVersion: string;
  /** `deployment.environment.name`. @default 'local' */
  environment: string;
  otlp: OtlpExportOptions;
  xray: XrayOptions;
  sampling: SamplingOptions;
  /**
   * A trust boundary, for a public edge (DISTRUST_INCOMING_TRACE_CONTEXT, read for the gateway
   * only): incoming `traceparent`, `tracestate`, `X-Amzn-Trace-Id` and `baggage` are not used;
   * each request starts a new trace under this service's own sampling decision, its root span
   * linked to the caller's span context when that was valid. Calls to this service's own
   * dependencies still carry its context. Off, callers' traces are joined, as the demo wants.
   * @default false
   */
  distrustIncomingTraceContext: boolean;
}
