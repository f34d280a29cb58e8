import { type AttributeValue, type Span, context, trace } from '@opentelemetry/api';
import { ObservabilityAttributes } from './attributes';
import { recordSpanError } from './spans/span-error';
import { redact } from './logging/redact';
import { tracer } from './tracer';

export type AnnotationValue = string | number | boolean;

/**
 * A span of the application's own, seen in OpenTelemetry as a span and in
 * X-Ray as a subsegment of the same id. Annotations are indexed (an X-Ray
 * annotation and an OTel attribute); metadata is stored, not indexed.
 */
export class TracedSpan {
  private readonly annotationKeys = new Set<string>();

  constructor(readonly span: Span) {}

  /** An indexed key/value: an attribute in OTel, an annotation in X-Ray (key with `.` written as `_`). */
  annotate(key: string, value: AnnotationValue): this {
    this.span.setAttribute(key, value);
    this.annotationKeys.add(key);
    this.span.setAttribute(ObservabilityAttributes.XrayAnnotations, [...this.annotationKeys]);
    return this;
  }

  /**
   * A stored, unindexed value of any JSON shape: X-Ray metadata, a JSON-text attribute in OTel.
   * Redacted as a log line is (fields with a secret's name become `[REDACTED]`).
   */
  metadata(key: string, value: unknown): this {
    this.span.setAttribute(
      `${ObservabilityAttributes.XrayMetadataPrefix}${key}`,
      JSON.stringify(redact(value)) ?? 'null',
    );
    return this;
  }

  /** A plain attribute. */
  attribute(key: string, value: AttributeValue): this {
    this.span.setAttribute(key, value);
    return this;
  }
}

export interface SpanOptions {
  annotations?: Record<string, AnnotationValue>;
  metadata?: Record<string, unknown>;
}

function fail(span: Span, error: unknown): never {
  recordSpanError(span, error);
  throw error;
}

/**
 * Runs `work` in a new span (a subsegment in X-Ray), current while it runs,
 * ended when it returns or its promise settles. An error is recorded and
 * rethrown unchanged. Spans nest: a withSpan inside another is its child.
 */
export function withSpan<T>(name: string, work: (span: TracedSpan) => T, options: SpanOptions = {}): T {
  const span = tracer.startSpan(name);
  const traced = new TracedSpan(span);
  for (const [key, value] of Object.entries(options.annotations ?? {})) traced.annotate(key, value);
  for (const [key, value] of Object.entries(options.metadata ?? {})) traced.metadata(key, value);
  let result: T;
  try {
    result = context.with(trace.setSpan(context.active(), span), () => work(traced));
  } catch (error) {
    span.end();
    return fail(span, error);
  }
  if (result instanceof Promise) {
    return result.then(
      (value: unknown) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        try {
          fail(span, error);
        } finally {
          span.end();
        }
      },
    ) as T;
  }
  span.end();
  return result;
}
