import { isSpanContextValid, trace, type Attributes, type Context, type Link, type SpanKind } from '@opentelemetry/api';
import { ParentBasedSampler, type Sampler, type SamplingResult } from '@opentelemetry/sdk-trace';
import { isUndecided, UNDECIDED_TRACE_STATE_KEY } from '../propagation/undecided.marker';

/**
 * Parent-based sampling that knows X-Ray's "undecided" callers: a sampled
 * parent (remote or local) gives a sampled span, an unsampled one a
 * non-recording span; no parent, or a remote parent marked undecided by the
 * propagator, asks the root sampler. The marker is removed from the trace
 * state the decision returns, so it does not travel further.
 */
export class ParentOrRootSampler implements Sampler {
  private readonly parentBased: ParentBasedSampler;

  constructor(private readonly root: Sampler) {
    this.parentBased = new ParentBasedSampler({ root });
  }

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    const parent = trace.getSpanContext(context);
    if (!parent || !isSpanContextValid(parent) || !isUndecided(parent)) {
      return this.parentBased.shouldSample(context, traceId, spanName, spanKind, attributes, links);
    }
    const result = this.root.shouldSample(context, traceId, spanName, spanKind, attributes, links);
    // The tracer keeps the parent's trace state when none is returned, so return it explicitly, unmarked.
    const traceState = (result.traceState ?? parent.traceState)?.unset(UNDECIDED_TRACE_STATE_KEY);
    return { ...result, ...(traceState ? { traceState } : {}) };
  }

  toString(): string {
    return `ParentOrRoot{root=${this.root.toString()}}`;
  }
}
