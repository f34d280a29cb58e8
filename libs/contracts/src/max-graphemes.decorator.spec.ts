import { validateSync } from 'class-validator';
import { MAX_CODE_UNITS_PER_GRAPHEME, MaxGraphemes, fitsGraphemes, maxCodeUnitsFor } from './max-graphemes.decorator';

class Post {
  @MaxGraphemes(5, { message: 'too_long' })
  text!: unknown;
}

const errorsOf = (text: unknown): string[] =>
  validateSync(Object.assign(new Post(), { text })).flatMap((error) => Object.values(error.constraints ?? {}));

describe('MaxGraphemes', () => {
  it.each([
    ['plain letters', 'abcde'],
    ['emoji with a variation selector', '❤️'.repeat(5)],
    ['ZWJ sequences', '👩‍💻👨‍👩‍👧‍👦🏳️‍🌈🧑🏽‍🚀👁️‍🗨️'],
    ['a tag-sequence flag', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'.repeat(5)],
    ['decomposed accents', 'e\u0301'.repeat(5)],
  ])('counts what a person sees: 5 characters of %s fit', (_label, text) => {
    expect(errorsOf(text)).toEqual([]);
    expect(errorsOf(`${text}x`)).toEqual(['too_long']);
  });

  it('bounds a single cluster of stacked combining marks (zalgo) in code units', () => {
    const units = maxCodeUnitsFor(5);
    expect(units).toBe(5 * MAX_CODE_UNITS_PER_GRAPHEME);
    expect(errorsOf(`z${'\u0301'.repeat(units - 1)}`)).toEqual([]);
    expect(errorsOf(`z${'\u0301'.repeat(units)}`)).toEqual(['too_long']);
  });

  it('refuses what is not a string', () => {
    expect(errorsOf(12345)).toEqual(['too_long']);
    expect(errorsOf(['a'])).toEqual(['too_long']);
  });

  it('stops counting past the limit, whatever the length under the bound', () => {
    expect(fitsGraphemes('x'.repeat(1_000_000), 280)).toBe(false);
    expect(fitsGraphemes('🖖'.repeat(280), 280)).toBe(true);
  });
});
