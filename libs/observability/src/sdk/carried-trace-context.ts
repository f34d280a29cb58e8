/** An outgoing undici request as its instrumentation sees it: headers serialized (v5) or flat pairs (v6+). */
export interface OutgoingUndiciRequest {
  headers: string | (string | string[])[];
}

const TRACE_HEADERS = new Set(['traceparent', 'x-amzn-trace-id']);

/**
 * Whether an outgoing request already carries trace context: the dependency clients trace their
 * calls themselves and write the headers. An instrumentation that traced such a request again
 * would add a second `traceparent` (the receiver sees `a, b`, invalid, and starts a new trace)
 * and a second client span, so `undici`, when enabled, leaves these requests alone.
 */
export function carriesTraceContext(request: OutgoingUndiciRequest): boolean {
  const { headers } = request;
  if (typeof headers === 'string') {
    return headers
      .split('\r\n')
      .some((line) => TRACE_HEADERS.has(line.slice(0, line.indexOf(':')).trim().toLowerCase()));
  }
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i];
    if (typeof name === 'string' && TRACE_HEADERS.has(name.toLowerCase())) return true;
  }
  return false;
}
