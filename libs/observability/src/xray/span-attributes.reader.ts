import type { Attributes, AttributeValue } from '@opentelemetry/api';

/**
 * The first of `names` present on the span as a non-empty string. A header
 * attribute (`http.request.header.*`) is a string[]; its first value counts.
 */
export function firstString(attributes: Attributes, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = scalar(attributes[name]);
    if (typeof value === 'string' && value.length > 0) return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

/** The first of `names` present as a finite number (or a string of digits, as headers are). */
export function firstNumber(attributes: Attributes, names: readonly string[]): number | undefined {
  for (const name of names) {
    const value = scalar(attributes[name]);
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
  }
  return undefined;
}

function scalar(value: AttributeValue | undefined): string | number | boolean | undefined | null {
  return Array.isArray(value) ? value[0] : (value as string | number | boolean | undefined);
}

/** Cuts `text` to at most `max` code points (X-Ray counts characters, and a cut surrogate pair is invalid JSON text). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return Array.from(text).slice(0, max).join('');
}
