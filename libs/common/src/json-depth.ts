/**
 * How deep a JSON document received from outside may nest (objects and arrays
 * counted together). Every reader of the suite and the collector checks it
 * before parsing: the recursive walks that follow (class-transformer,
 * `structuredClone`, OTLP's AnyValue reader, filter-pattern matching) overflow
 * the stack at about 2,000 to 3,000 levels, and nothing the suite exchanges
 * comes close to this limit (an X-Ray segment's metadata or an OTLP
 * `kvlistValue` of real programs nests a handful of levels).
 */
export const MAX_JSON_DEPTH = 64;

/** A JSON text that nests deeper than the limit: the reader answers 400 (or drops the datagram) with this message. */
export class JsonTooDeepError extends Error {
  constructor(
    readonly maxDepth: number,
    readonly position: number,
  ) {
    super(`JSON nests deeper than ${maxDepth} levels (at position ${position})`);
    this.name = 'JsonTooDeepError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * Throws {@link JsonTooDeepError} when `text` (a string or its UTF-8 bytes)
 * opens more than `maxDepth` objects or arrays inside one another. One pass
 * without recursion or allocation, skipping strings, so it is safe on any input
 * and costs little beside `JSON.parse`; it does not validate the JSON (the
 * parser that follows does).
 */
export function assertJsonDepth(text: string | Uint8Array, maxDepth: number = MAX_JSON_DEPTH): void {
  const length = text.length;
  const at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < length; i++) {
    const code = at(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > maxDepth) throw new JsonTooDeepError(maxDepth, i);
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
    }
  }
}

/**
 * `JSON.parse` behind {@link assertJsonDepth}: the one way the suite and the
 * collector read JSON that arrives from outside. Throws `JsonTooDeepError` or
 * the parser's `SyntaxError`.
 */
export function parseJson(text: string, maxDepth: number = MAX_JSON_DEPTH): unknown {
  assertJsonDepth(text, maxDepth);
  return JSON.parse(text) as unknown;
}
