import type { HeaderObject, ParameterObject, ReferenceObject } from '@nestjs/swagger';

const TRACE_CONTEXT = 'https://www.w3.org/TR/trace-context-2/';
const XRAY_HEADER = 'https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html#xray-concepts-tracingheader';
const RATELIMIT_HEADERS = 'https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/';

/*
 * Header definitions of the document, in its components: the trace headers a
 * request may carry and every response carries (added to every operation by
 * addTraceHeaders), and the rate-limit headers of a 429. A malformed trace
 * header is ignored (a new trace starts), never refused, so the request
 * headers describe their format without a pattern that would refuse them.
 */

/** The trace headers the gateway reads from a request (components.parameters). */
export const TRACE_REQUEST_PARAMETERS = {
  traceparent: {
    name: 'traceparent',
    in: 'header',
    required: false,
    description:
      `[W3C Trace Context](${TRACE_CONTEXT}#traceparent-header): \`<version>-<32 hex trace id>-<16 hex parent id>-<2 hex flags>\`, ` +
      'lower-case hex. Continues the caller’s trace; without it (or with a malformed one) the gateway starts a trace.',
    schema: { type: 'string' },
    example: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  },
  tracestate: {
    name: 'tracestate',
    in: 'header',
    required: false,
    description:
      `[W3C Trace Context](${TRACE_CONTEXT}#tracestate-header): up to 32 vendor entries \`key=value\`, comma-separated. ` +
      'Read only with a valid `traceparent`, and passed on unchanged; a header that breaks the grammar is dropped whole.',
    schema: { type: 'string' },
    example: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
  },
  baggage: {
    name: 'baggage',
    in: 'header',
    required: false,
    description:
      '[W3C Baggage](https://www.w3.org/TR/baggage/): `key=value` members, comma-separated, carried on to every service ' +
      'the request reaches.',
    schema: { type: 'string' },
    example: 'tenant=cruddur',
  },
  'X-Amzn-Trace-Id': {
    name: 'X-Amzn-Trace-Id',
    in: 'header',
    required: false,
    description:
      `[AWS X-Ray trace header](${XRAY_HEADER}): \`Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=<1|0|?>\`. ` +
      'Read when there is no valid `traceparent`; `Root` alone (a load balancer’s) continues that trace.',
    schema: { type: 'string' },
    example: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
  },
} satisfies Record<string, ParameterObject>;

/** The trace headers of a response (components.headers). */
export const TRACE_RESPONSE_HEADERS = {
  traceresponse: {
    description:
      `[W3C Trace Context Level 2](${TRACE_CONTEXT}#traceresponse-header): \`00-<trace id>-<span id>-<flags>\`, the ` +
      'gateway’s span of this request. On every answer, the ones refused before routing (body not JSON, too large, ' +
      'or not declared as JSON) included; only a gateway started with tracing turned off (OTEL_SDK_DISABLED) omits it.',
    required: true,
    schema: { type: 'string', pattern: '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' },
    example: '00-6b0f5a8a9a8ec1dbd206d7a39417275d-e9b109cec61476f2-03',
  },
  'X-Amzn-Trace-Id': {
    description: `The same trace as an [AWS X-Ray trace header](${XRAY_HEADER}); on every answer, as \`traceresponse\`.`,
    required: true,
    schema: { type: 'string', pattern: '^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=[01]$' },
    example: 'Root=1-6b0f5a8a-9a8ec1dbd206d7a39417275d;Parent=e9b109cec61476f2;Sampled=1',
  },
} satisfies Record<string, HeaderObject>;

/** The headers of a 429 (components.headers). */
export const RATE_LIMIT_HEADERS = {
  'Retry-After': {
    description:
      'Seconds to wait before trying again ([RFC 9110](https://www.rfc-editor.org/rfc/rfc9110#field.retry-after)).',
    required: false,
    schema: { type: 'integer', minimum: 0 },
    example: 30,
  },
  'RateLimit-Limit': {
    description: `Requests allowed per window ([RateLimit header fields](${RATELIMIT_HEADERS})).`,
    required: false,
    schema: { type: 'integer', minimum: 0 },
  },
  'RateLimit-Remaining': {
    description: 'Requests left in the current window.',
    required: false,
    schema: { type: 'integer', minimum: 0 },
  },
  'RateLimit-Reset': {
    description: 'Seconds until the window resets.',
    required: false,
    schema: { type: 'integer', minimum: 0 },
  },
} satisfies Record<string, HeaderObject>;

/** References to entries of components.headers or components.parameters, by name. */
export function refsTo(section: 'headers' | 'parameters', names: readonly string[]): Record<string, ReferenceObject> {
  return Object.fromEntries(names.map((name) => [name, { $ref: `#/components/${section}/${name}` }]));
}
