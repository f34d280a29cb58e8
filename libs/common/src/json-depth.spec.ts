import { assertJsonDepth, JsonTooDeepError, MAX_JSON_DEPTH, parseJson } from './json-depth';

const nested = (depth: number, open = '[', close = ']'): string => `${open.repeat(depth)}${close.repeat(depth)}`;

describe('assertJsonDepth', () => {
  it('accepts documents up to the limit, objects and arrays counted together', () => {
    expect(() => assertJsonDepth(nested(MAX_JSON_DEPTH))).not.toThrow();
    const mixed = '{"a":'.repeat(32) + nested(32) + '}'.repeat(32);
    expect(() => assertJsonDepth(mixed)).not.toThrow();
  });

  it('refuses one level more, naming the limit and where it was passed', () => {
    expect(() => assertJsonDepth(nested(MAX_JSON_DEPTH + 1))).toThrow(
      new JsonTooDeepError(MAX_JSON_DEPTH, MAX_JSON_DEPTH),
    );
    expect(() => assertJsonDepth(nested(MAX_JSON_DEPTH + 1))).toThrow(/nests deeper than 64 levels \(at position 64\)/);
  });

  it('takes brackets inside strings, escaped quotes included, for text', () => {
    const inString = JSON.stringify({ text: `${'['.repeat(5000)}\\"${'{'.repeat(5000)}` });
    expect(() => assertJsonDepth(inString)).not.toThrow();
  });

  it('reads UTF-8 bytes the same way as text', () => {
    expect(() => assertJsonDepth(Buffer.from(nested(10_000)))).toThrow(JsonTooDeepError);
    expect(() => assertJsonDepth(Buffer.from(JSON.stringify({ é: '[[[[' })), 2)).not.toThrow();
  });

  it('survives depths that overflow a recursive walk, without recursing itself', () => {
    expect(() => assertJsonDepth(nested(1_000_000), 2_000_000)).not.toThrow();
  });
});

describe('parseJson', () => {
  it('parses what is within the limit', () => {
    expect(parseJson('{"a":[1,{"b":2}]}')).toEqual({ a: [1, { b: 2 }] });
  });

  it('refuses deep input before JSON.parse sees it, and keeps the parser’s own errors', () => {
    expect(() => parseJson(nested(3_000))).toThrow(JsonTooDeepError);
    expect(() => parseJson('{bad')).toThrow(SyntaxError);
  });
});
