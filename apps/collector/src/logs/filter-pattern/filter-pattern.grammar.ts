import { generate, type Parser } from 'peggy';
import type { FilterPattern } from './filter-pattern.ast';

/**
 * CloudWatch Logs filter pattern syntax, as far as the collector supports it:
 *
 * - text patterns: `ERROR timeout` (every term), `"exact phrase"`, `?ERROR ?WARN`
 *   (any of them), `-healthcheck` (none of them); case-sensitive substrings;
 * - JSON patterns: `{ $.a.b[0] = "x*" && ($.ms > 100 || $.err IS NULL) }` with
 *   `=`/`!=` on strings (with `*` wildcards), numbers and `%regex%`, `< <= > >=`
 *   on numbers, `IS NULL`, `NOT EXISTS`, `IS TRUE`, `IS FALSE`.
 *
 * Space-delimited patterns (`[ip, user, ...]`) are refused with a message saying so.
 */
const GRAMMAR = String.raw`
Pattern
  = _ "[" { error('space-delimited patterns ([field, ...]) are not supported by the local collector'); }
  / _ expression:JsonPattern _ { return { kind: 'json', expression }; }
  / _ terms:Terms _ { return { kind: 'terms', terms }; }
  / _ { return { kind: 'all' }; }

Terms
  = head:Term tail:(__ @Term)* { return [head, ...tail]; }

Term "term"
  = "?" text:TermText { return { mode: 'oneOf', text }; }
  / "-" text:TermText { return { mode: 'not', text }; }
  / text:TermText { return { mode: 'all', text }; }

TermText
  = QuotedString
  / $([^ \t\r\n"{}()\[\]?\-] [^ \t\r\n"{}()\[\]]*)

JsonPattern
  = "{" _ @Or _ "}"

Or
  = head:And tail:(_ "||" _ @And)* { return tail.reduce((left, right) => ({ kind: 'or', left, right }), head); }

And
  = head:Primary tail:(_ "&&" _ @Primary)* { return tail.reduce((left, right) => ({ kind: 'and', left, right }), head); }

Primary
  = "(" _ @Or _ ")"
  / Condition

Condition
  = path:Selector __ "IS"i __ "NULL"i { return { kind: 'isNull', path }; }
  / path:Selector __ "IS"i __ "TRUE"i { return { kind: 'isTrue', path }; }
  / path:Selector __ "IS"i __ "FALSE"i { return { kind: 'isFalse', path }; }
  / path:Selector __ "NOT"i __ "EXISTS"i { return { kind: 'notExists', path }; }
  / path:Selector _ op:("!=" / "=") _ value:Value { return { kind: 'compare', path, op, value }; }
  / path:Selector _ op:(">=" / "<=" / ">" / "<") _ value:Number { return { kind: 'compare', path, op, value }; }

Selector "selector ($.field)"
  = "$" segments:Segment+ { return segments; }

Segment
  = "." @$[A-Za-z0-9_@$\-]+
  / "[" index:$[0-9]+ "]" { return Number(index); }

Value "value"
  = value:QuotedString { return { type: 'string', value }; }
  / "%" source:$[^%]+ "%" { return { type: 'regex', source }; }
  / Number
  / value:$[^ \t\r\n)&|}"]+ { return { type: 'string', value }; }

Number "number"
  = text:$("-"? [0-9]+ ("." [0-9]+)? ([eE] [+\-]? [0-9]+)?) ![^ \t\r\n)&|}] { return { type: 'number', value: Number(text) }; }

QuotedString "quoted string"
  = '"' chars:(@[^"\\] / "\\" @.)* '"' { return chars.join(''); }

_ "whitespace"
  = [ \t\r\n]*

__ "whitespace"
  = [ \t\r\n]+
`;

/** Generated once, when the module is loaded (peggy builds the parser in memory). */
const parser: Parser = generate(GRAMMAR);

/** Why a filter pattern was refused, and where (1-based character position). */
export class FilterPatternSyntaxError extends Error {
  override name = 'FilterPatternSyntaxError';

  constructor(
    readonly position: number,
    readonly reason: string,
  ) {
    super(`Invalid filter pattern at character ${position}: ${reason}`);
  }
}

/** Parses a filter pattern; throws FilterPatternSyntaxError when it does not parse. */
export function parseFilterPattern(pattern: string): FilterPattern {
  try {
    return parser.parse(pattern) as FilterPattern;
  } catch (error) {
    if (error instanceof parser.SyntaxError) {
      throw new FilterPatternSyntaxError(error.location.start.offset + 1, error.message);
    }
    throw error;
  }
}
