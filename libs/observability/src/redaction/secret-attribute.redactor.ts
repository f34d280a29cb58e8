import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { REDACTED } from '../logging/redact';
import { isSecretName } from './secret-name';
import { redactQuery, redactUrl } from './url.redactor';

/** Attributes holding a URL or a request target (stable and pre-1.20 names), and `url.query` alone. */
const URL_ATTRIBUTES = ['url.full', 'http.url', 'http.target', 'url.original'];
const QUERY_ATTRIBUTE = 'url.query';

/**
 * Masks every span attribute with a secret's name (`http.request.header.authorization` if header
 * capture is ever turned on, an application's `user.password`) as the span ends, before any
 * exporter reads it: OTLP and X-Ray get `[REDACTED]`, as the logs and Rollbar do. Whoever set the
 * attribute (an instrumentation, a dependency client, the custom-span API), it never leaves the
 * process. URLs get the same treatment ({@link redactUrl}): secret query parameters and userinfo
 * in `url.full`, `url.query`, `http.url` and `http.target`, whoever recorded them. Must come first
 * among the provider's span processors.
 */
export class SecretAttributeRedactor implements SpanProcessor {
  onStart(): void {
    // Attributes are still being set: they are looked at once, at the end.
  }

  /** OpenTelemetry's hook for a span that is ending but still writable. */
  onEnding(span: Span): void {
    for (const name of Object.keys(span.attributes)) {
      if (isSecretName(name)) span.setAttribute(name, REDACTED);
    }
    for (const name of URL_ATTRIBUTES) {
      const value = span.attributes[name];
      if (typeof value === 'string') span.setAttribute(name, redactUrl(value));
    }
    const query = span.attributes[QUERY_ATTRIBUTE];
    if (typeof query === 'string') span.setAttribute(QUERY_ATTRIBUTE, redactQuery(query));
  }

  onEnd(): void {
    // Nothing to do: the span was masked in onEnding.
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
