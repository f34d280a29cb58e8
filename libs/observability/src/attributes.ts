/**
 * Span attribute names the library sets beyond OpenTelemetry's semantic
 * conventions (those come from `@opentelemetry/semantic-conventions`).
 * Listed in the library's README ("Attributes").
 */
export const ObservabilityAttributes = {
  /**
   * The keys of this span's attributes that X-Ray indexes as annotations
   * (string[]; the convention of AWS's own OTel exporter). Keys are written
   * to X-Ray with every character outside [A-Za-z0-9_] replaced by `_`.
   */
  XrayAnnotations: 'aws.xray.annotations',
  /** Prefix of attributes holding X-Ray metadata: `cruddur.xray.metadata.<key>` = JSON text of the value. */
  XrayMetadataPrefix: 'cruddur.xray.metadata.',
  /** The logical name of the service called (CLIENT and PRODUCER spans): the remote subsegment's name in X-Ray. */
  PeerService: 'peer.service',
  /** Status code a TCP handler answered with (200 for success, the error's statusCode otherwise). */
  RpcStatusCode: 'cruddur.rpc.status_code',
  /** The handler a span wraps: `Controller.method`. */
  Handler: 'cruddur.handler',
  /** On a span link: why it is there (`untrusted-caller`: the caller's context, kept out of the parent role). */
  LinkReason: 'cruddur.link.reason',
} as const;

/** `rpc.system` / `messaging.system` of Nest's TCP transport (no registered value exists for it). */
export const NEST_TCP_SYSTEM = 'nestjs_tcp';
