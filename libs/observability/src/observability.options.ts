/** Where spans go as they finish (OTEL_TRACES_EXPORTER): OTLP, the console, or both; none is `[]`. */
export type TraceExporterName = 'otlp' | 'console';

/** How spans leave the process over OTLP (the OTEL_EXPORTER_OTLP_[TRACES_]* variables). */
export interface OtlpExportOptions {
  /**
   * The full URL spans are posted to: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as it is, or
   * OTEL_EXPORTER_OTLP_ENDPOINT with `/v1/traces` appended (not for grpc).
   * @default 'http://127.0.0.1:4318/v1/traces' (the suite's collector)
   */
  url: string;
  /** Extra headers, for example a Honeycomb team key; the traces-specific ones override per name. */
  headers: Record<string, string>;
  /** @default 'http/protobuf' */
  protocol: 'http/protobuf' | 'http/json' | 'grpc';
  /** How long one export may take, in ms. @default 10000 */
  timeoutMs: number;
  /** @default 'none' */
  compression: 'gzip' | 'none';
  /** Delay between batch exports, in ms; short locally so a trace shows up within a second. @default 200 */
  scheduledDelayMs: number;
  /**
   * How long the batch processor waits for one export before giving up on it and moving to the
   * next batch (OTEL_BSP_EXPORT_TIMEOUT), shorter than the exporter's own timeout: during an
   * outage the exporter retries, and newer spans should not wait behind that. @default 5000
   */
  batchExportTimeoutMs: number;
  /** Spans queued before new ones are dropped (counted). @default 2048 */
  maxQueueSize: number;
}

/** What the OpenTelemetry SDK assembles besides the tracer: the OTEL_* variables it knows. */
export interface SdkOptions {
  /** OTEL_TRACES_EXPORTER. @default ['otlp'] */
  traceExporters: TraceExporterName[];
  /** OTEL_PROPAGATORS; `[]` is `none`. @default ['tracecontext', 'baggage', 'xray'] */
  propagators: PropagatorName[];
  /** OTEL_NODE_ENABLED_INSTRUMENTATIONS: names after `@opentelemetry/instrumentation-`. @default ['http'] */
  enabledInstrumentations: string[];
  /** OTEL_NODE_DISABLED_INSTRUMENTATIONS, taken out of the enabled ones. @default [] */
  disabledInstrumentations: string[];
  /** OTEL_NODE_RESOURCE_DETECTORS (auto-instrumentations-node's names). @default ['env', 'host', 'process'] */
  resourceDetectors: string[];
  /** OTEL_METRICS_EXPORTER / OTEL_LOGS_EXPORTER as given; `none` by default: nobody here receives them. */
  metricsExporters: string[];
  logsExporters: string[];
}

/** Trace header formats read and written (OTEL_PROPAGATORS). */
export type PropagatorName = 'tracecontext' | 'baggage' | 'xray';

/** How sampling decisions are made at the root of a trace (children follow their parent). */
export type SamplingOptions =
  | { mode: 'always' }
  | { mode: 'never' }
  /** X-Ray sampling rules fetched from the daemon's proxy (GetSamplingRules / SamplingTargets). */
  | { mode: 'xray-remote' }
  /** X-Ray sampling rules from a file in the CreateSamplingRule input shape (`{"SamplingRule": {...}}`). */
  | { mode: 'xray-file'; file: string };

/**
 * How the X-Ray view is fed (AWS_XRAY_MODE): `daemon` sends the SDK's segment documents over UDP to
 * an X-Ray daemon; `otlp` exports the spans over OTLP to X-Ray's OTLP endpoint, SigV4-signed for
 * `xray` (no UDP); `off` sends nothing to X-Ray.
 */
export type XrayMode = 'daemon' | 'otlp' | 'off';

export interface XrayOptions {
  /** @default 'daemon' ('off' when AWS_XRAY_SDK_ENABLED=false) */
  mode: XrayMode;
  /** `host:port` of the X-Ray daemon (AWS_XRAY_DAEMON_ADDRESS): segments (UDP) and the sampling proxy (TCP). @default '127.0.0.1:2000' */
  daemonAddress: string;
  /**
   * Dynamic naming pattern (AWS_XRAY_URL): a segment of an HTTP request whose
   * Host matches it (`*` and `?` wildcards) is named after the host.
   */
  dynamicNamingPattern?: string;
  /** X-Ray's OTLP endpoint for `otlp` (AWS_XRAY_OTLP_ENDPOINT). @default 'https://xray.<region>.amazonaws.com/v1/traces' */
  otlpEndpoint: string;
  /** The region the requests are signed for (AWS_REGION). @default 'us-east-1' */
  region: string;
  /** Placeholder credentials for an endpoint that checks no signature (the collector) when none are configured. */
  localCredentials?: { accessKeyId: string; secretAccessKey: string };
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
  sdk: SdkOptions;
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
