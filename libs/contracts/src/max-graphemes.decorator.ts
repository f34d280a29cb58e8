import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * UTF-16 code units allowed per grapheme cluster, on average, over a whole
 * text. One cluster can hold any number of combining marks ("zalgo" text), so
 * a limit in clusters alone bounds nothing; 16 units fit every emoji sequence
 * of Unicode's recommended set (tag-sequence flags take 14, skin-toned kiss and
 * couple sequences 15), so no text a person can see as N characters is refused
 * by the bound on N characters.
 */
export const MAX_CODE_UNITS_PER_GRAPHEME = 16;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The hard bound, in UTF-16 code units, of a text limited to `maxGraphemes` characters. */
export function maxCodeUnitsFor(maxGraphemes: number): number {
  return maxGraphemes * MAX_CODE_UNITS_PER_GRAPHEME;
}

/**
 * The limit in the OpenAPI document's words. Its `maxLength` is the hard bound
 * in code units: JSON Schema counts code points, which are never more than the
 * code units, so the document stays true; the limit in characters is only said.
 */
export function graphemeLimitText(maxGraphemes: number): string {
  return `at most ${maxGraphemes} characters as a person counts them (grapheme clusters: an emoji sequence or a letter with its accents is one), and at most ${maxCodeUnitsFor(maxGraphemes)} UTF-16 code units in all`;
}

/**
 * Whether `value` is a string of at most `max` grapheme clusters (characters
 * as a person sees them: "❤️", "👩‍💻" and a decomposed "é" count one each), and
 * of at most {@link maxCodeUnitsFor}(`max`) code units. Stops counting at `max + 1`.
 */
export function fitsGraphemes(value: unknown, max: number): boolean {
  if (typeof value !== 'string' || value.length > maxCodeUnitsFor(max)) return false;
  if (value.length <= max) return true; // Fewer code units than the limit: fewer clusters too.
  let count = 0;
  for (const _segment of graphemes.segment(value)) {
    if (++count > max) return false;
  }
  return true;
}

/**
 * class-validator check: the property is a string of at most `max` grapheme
 * clusters and {@link maxCodeUnitsFor}(`max`) UTF-16 code units; one message
 * (the field's validation code) for both bounds.
 */
export function MaxGraphemes(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxGraphemes',
      constraints: [max],
      validator: {
        validate: (value: unknown) => fitsGraphemes(value, max),
        defaultMessage: () => `$property must be at most ${max} characters`,
      },
    },
    options,
  );
}
