import { parseJson } from '@app/common';
import type { FilterPattern, FilterTerm, JsonExpression, JsonValue, PathSegment } from './filter-pattern.ast';
import { FilterPatternSyntaxError, parseFilterPattern } from './filter-pattern.grammar';

/** Whether one log event's message matches a compiled filter pattern. */
export type MessagePredicate = (message: string) => boolean;

/** What a selector found in a JSON message. */
type Lookup = { found: false } | { found: true; value: unknown };

/**
 * The message as JSON, when it is a JSON object or array (JSON patterns only look at those). A message
 * nesting deeper than MAX_JSON_DEPTH is plain text: matching must never throw for one stored event.
 */
function messageJson(message: string): { ok: boolean; value: unknown } {
  if (!/^\s*[[{]/.test(message)) return { ok: false, value: undefined };
  try {
    const value: unknown = parseJson(message);
    return { ok: typeof value === 'object' && value !== null, value };
  } catch {
    return { ok: false, value: undefined };
  }
}

function lookup(root: unknown, path: PathSegment[]): Lookup {
  let current: unknown = root;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return { found: false };
      current = current[segment];
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current)) return { found: false };
      if (!Object.hasOwn(current, segment)) return { found: false };
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value: current };
}

/** `*` matches any run of characters; everything else is literal. The whole value must match. */
function wildcardRegExp(value: string): RegExp {
  const body = value
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}

/** Equality of a found value with a pattern value (`=`); `!=` is its negation on existing fields. */
function valueEquals(value: unknown, expected: JsonValue, regex: RegExp | undefined): boolean {
  switch (expected.type) {
    case 'number':
      return typeof value === 'number' && value === expected.value;
    case 'string':
    case 'regex':
      return typeof value === 'string' && regex !== undefined && regex.test(value);
  }
}

function compileJson(expression: JsonExpression): (json: unknown) => boolean {
  switch (expression.kind) {
    case 'and': {
      const [left, right] = [compileJson(expression.left), compileJson(expression.right)];
      return (json) => left(json) && right(json);
    }
    case 'or': {
      const [left, right] = [compileJson(expression.left), compileJson(expression.right)];
      return (json) => left(json) || right(json);
    }
    case 'isNull':
      return (json) => {
        const found = lookup(json, expression.path);
        return found.found && found.value === null;
      };
    case 'isTrue':
    case 'isFalse': {
      const wanted = expression.kind === 'isTrue';
      return (json) => {
        const found = lookup(json, expression.path);
        return found.found && found.value === wanted;
      };
    }
    case 'notExists':
      return (json) => !lookup(json, expression.path).found;
    case 'compare':
      return compileComparison(expression);
  }
}

function compileComparison(expression: Extract<JsonExpression, { kind: 'compare' }>): (json: unknown) => boolean {
  const { path, op, value } = expression;
  if (op === '=' || op === '!=') {
    let regex: RegExp | undefined;
    if (value.type === 'string') regex = wildcardRegExp(value.value);
    if (value.type === 'regex') {
      try {
        regex = new RegExp(value.source);
      } catch (error) {
        throw new FilterPatternSyntaxError(
          1,
          `invalid regular expression %${value.source}%: ${(error as Error).message}`,
        );
      }
    }
    // A missing field matches neither `=` nor `!=`: only events that have the field are compared.
    return (json) => {
      const found = lookup(json, path);
      return found.found && valueEquals(found.value, value, regex) === (op === '=');
    };
  }
  const bound = value.type === 'number' ? value.value : Number.NaN;
  const compare = {
    '<': (a: number) => a < bound,
    '<=': (a: number) => a <= bound,
    '>': (a: number) => a > bound,
    '>=': (a: number) => a >= bound,
  }[op];
  return (json) => {
    const found = lookup(json, path);
    return found.found && typeof found.value === 'number' && compare(found.value);
  };
}

function compileTerms(terms: FilterTerm[]): MessagePredicate {
  const all = terms.filter((term) => term.mode === 'all').map((term) => term.text);
  const oneOf = terms.filter((term) => term.mode === 'oneOf').map((term) => term.text);
  const not = terms.filter((term) => term.mode === 'not').map((term) => term.text);
  return (message) =>
    all.every((text) => message.includes(text)) &&
    (oneOf.length === 0 || oneOf.some((text) => message.includes(text))) &&
    !not.some((text) => message.includes(text));
}

/** Turns a parsed pattern into a predicate on messages. */
export function compileParsedPattern(pattern: FilterPattern): MessagePredicate {
  switch (pattern.kind) {
    case 'all':
      return () => true;
    case 'terms':
      return compileTerms(pattern.terms);
    case 'json': {
      const test = compileJson(pattern.expression);
      return (message) => {
        const parsed = messageJson(message);
        return parsed.ok && test(parsed.value);
      };
    }
  }
}

/**
 * Compiles a CloudWatch Logs filter pattern (undefined or blank: everything
 * matches). Throws FilterPatternSyntaxError, saying where, when it does not parse.
 */
export function compileFilterPattern(pattern: string | undefined): MessagePredicate {
  return compileParsedPattern(parseFilterPattern(pattern ?? ''));
}
