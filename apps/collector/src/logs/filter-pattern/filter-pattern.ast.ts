/** A parsed CloudWatch Logs filter pattern (see filter-pattern.grammar.ts). */
export type FilterPattern =
  /** The empty pattern: every event matches. */
  | { kind: 'all' }
  /** Terms and quoted phrases on the raw message text. */
  | { kind: 'terms'; terms: FilterTerm[] }
  /** A `{ ... }` pattern on messages that are JSON. */
  | { kind: 'json'; expression: JsonExpression };

/**
 * One term of a text pattern: `all` terms must all appear, at least one
 * `oneOf` term (`?term`) must appear when there are some, no `not` term (`-term`) may appear.
 */
export interface FilterTerm {
  mode: 'all' | 'oneOf' | 'not';
  text: string;
}

/** One step of a JSON selector: `.name` or `[index]`. */
export type PathSegment = string | number;

/** A value on the right of a JSON comparison. */
export type JsonValue =
  { type: 'string'; value: string } | { type: 'number'; value: number } | { type: 'regex'; source: string };

export type JsonExpression =
  | { kind: 'and' | 'or'; left: JsonExpression; right: JsonExpression }
  | { kind: 'compare'; path: PathSegment[]; op: '=' | '!='; value: JsonValue }
  | { kind: 'compare'; path: PathSegment[]; op: '<' | '<=' | '>' | '>='; value: { type: 'number'; value: number } }
  | { kind: 'isNull' | 'notExists' | 'isTrue' | 'isFalse'; path: PathSegment[] };
