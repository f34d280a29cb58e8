import { trace, type Context } from '@opentelemetry/api';
import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { ObservabilityAttributes } from '../attributes';
import { distrustedParentOf } from './distrusting.propagator';

/** The value of the link's `cruddur.link.reason`. */
export const UNTRUSTED_CALLER = 'untrusted-caller';

/**
 * Gives the root span started for a distrusted request (see DistrustingPropagator) a span link
 * to the caller's span context, so that the caller's trace can still be found from ours. Only
 * the span started directly in the extracted context gets it: its children have a parent.
 */
export class DistrustedParentLinker implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const caller = distrustedParentOf(parentContext);
    if (caller && !trace.getSpan(parentContext)) {
      span.addLink({ context: caller, attributes: { [ObservabilityAttributes.LinkReason]: UNTRUSTED_CALLER } });
    }
  }

  onEnd(): void {
    // Links are added at the start only.
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
