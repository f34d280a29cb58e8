/** Comparison operators of filter expressions. */
export type CompareOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';
/** String operators of filter expressions (with `=` and `!=`). */
export type StringOperator = '=' | '!=' | 'contains' | 'beginswith' | 'endswith';

export type FlagKeyword = 'ok' | 'error' | 'fault' | 'throttle' | 'partial';
export type NumberKeyword = 'responsetime' | 'duration' | 'http.status';
export type StringKeyword = 'http.url' | 'http.method' | 'http.useragent' | 'http.clientip' | 'user' | 'name';

/** A parsed X-Ray filter expression. */
export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  /** `service("name") { body }`; no name means any service. */
  | { kind: 'service'; name?: string; type?: string; body?: FilterNode }
  /** `fault`, `!fault`, `fault = false`. */
  | { kind: 'flag'; flag: FlagKeyword; value: boolean }
  | { kind: 'number'; field: NumberKeyword; operator: CompareOperator; value: number }
  | { kind: 'string'; field: StringKeyword; operator: StringOperator; value: string }
  /** `annotation.key` alone tests that the annotation exists. */
  | {
      kind: 'annotation';
      key: string;
      operator?: CompareOperator | StringOperator;
      value?: string | number | boolean;
    };
