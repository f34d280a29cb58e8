import { truncate } from './span-attributes.reader';

// AWS's segment document schema: names are 1-200 letters, numbers, spaces and `_ . : / % & # = + - @`.
const INVALID_NAME_CHARACTERS = /[^\p{L}\p{N}\p{Z}_.:/%&#=+\-@]/gu;
const MAX_NAME_LENGTH = 200;

/**
 * A (sub)segment name X-Ray accepts: characters outside the schema's set are
 * dropped and the name is cut to 200 characters, as AWS's own OTel exporter
 * does (`fixSegmentName`); an empty result becomes `fallback`. Applied to
 * subsegments too, since one sent on its own is validated as a document.
 */
export function toSegmentName(raw: string, fallback: string): string {
  const name = truncate(raw.replace(INVALID_NAME_CHARACTERS, ''), MAX_NAME_LENGTH).trim();
  if (name.length > 0) return name;
  return fallback === raw ? 'span' : toSegmentName(fallback, 'span');
}
