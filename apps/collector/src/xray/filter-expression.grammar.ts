import { generate, type LocationRange, type Parser } from 'peggy';
import { ProtocolError } from '../common/protocol.error';
import type { FilterNode } from './filter-expression.ast';

/**
 * X-Ray's filter expression language (the part the collector evaluates), as a
 * PEG grammar. Keywords and operators are case-insensitive as in X-Ray;
 * annotation keys and string values are not. NOT binds tighter than AND,
 * AND tighter than OR.
 */
export const FILTER_EXPRESSION_GRAMMAR = String.raw`
{{
  function fold(head, tail, kind) {
    return tail.reduce((left, item) => ({ kind, left, right: item[3] }), head);
  }
}}

Expression = _ expression:Or _ { return expression; }

Or = head:And tail:(_ OrOperator _ And)* { return fold(head, tail, 'or'); }
And = head:Unary tail:(_ AndOperator _ Unary)* { return fold(head, tail, 'and'); }
Unary
  = NotOperator _ operand:Unary { return { kind: 'not', operand }; }
  / Primary

Primary
  = "(" _ expression:Or _ ")" { return expression; }
  / Service
  / Annotation
  / NumberTest
  / StringTest
  / FlagTest

Service = "service"i _ "(" _ id:ServiceId? _ ")" body:(_ "{" _ Or? _ "}")? {
    return { kind: 'service', ...(id ?? {}), ...(body && body[3] ? { body: body[3] } : {}) };
  }
ServiceId
  = name:String { return { name }; }
  / "id"i _ "(" _ fields:IdField|1.., _ "," _| _ ")" { return Object.assign({}, ...fields); }
IdField = key:("name"i / "type"i) _ ":" _ value:String { return { [key.toLowerCase()]: value }; }

FlagTest = flag:FlagKeyword test:(_ EqualityOperator _ Boolean)? {
    if (!test) return { kind: 'flag', flag, value: true };
    return { kind: 'flag', flag, value: test[1] === '=' ? test[3] : !test[3] };
  }
FlagKeyword = word:("ok"i / "error"i / "fault"i / "throttle"i / "partial"i) !WordChar { return word.toLowerCase(); }

NumberTest = field:NumberKeyword _ operator:CompareOperator _ value:Number { return { kind: 'number', field, operator, value }; }
NumberKeyword = word:("responsetime"i / "duration"i / "http.status"i) !WordChar { return word.toLowerCase(); }

StringTest = field:StringKeyword _ operator:StringOperator _ value:String { return { kind: 'string', field, operator, value }; }
StringKeyword
  = word:("http.url"i / "http.method"i / "http.useragent"i / "http.clientip"i / "user"i / "name"i) !WordChar {
    return word.toLowerCase();
  }

Annotation = "annotation"i key:AnnotationKey test:(_ AnyOperator _ Value)? {
    return test ? { kind: 'annotation', key, operator: test[1], value: test[3] } : { kind: 'annotation', key };
  }
AnnotationKey
  = "." key:$[A-Za-z0-9_]+ { return key; }
  / "[" _ key:$[A-Za-z0-9_]+ _ "]" { return key; }

AnyOperator = StringWordOperator / CompareOperator
CompareOperator = "<=" / ">=" / "!=" / "<" / ">" / "="
EqualityOperator = "!=" / "="
StringOperator = StringWordOperator / EqualityOperator
StringWordOperator = word:("contains"i / "beginswith"i / "endswith"i) !WordChar { return word.toLowerCase(); }

OrOperator = "||" / "or"i !WordChar
AndOperator = "&&" / "and"i !WordChar
NotOperator = "!" !"=" / "not"i !WordChar

Value = String / Number / Boolean
Boolean = word:("true"i / "false"i) !WordChar { return word.toLowerCase() === 'true'; }
Number "number" = text:$("-"? [0-9]+ ("." [0-9]+)?) { return Number(text); }
String "string"
  = '"' chars:$(DoubleQuoted*) '"' { return chars.replace(/\\(.)/g, '$1'); }
  / "'" chars:$(SingleQuoted*) "'" { return chars.replace(/\\(.)/g, '$1'); }
DoubleQuoted = "\\" . / [^"\\]
SingleQuoted = "\\" . / [^'\\]

WordChar = [A-Za-z0-9_.]
_ "whitespace" = [ \t\r\n]*
`;

// Compiled once, when the module loads: the grammar is fixed.
const parser: Parser = generate(FILTER_EXPRESSION_GRAMMAR);

/** Longest filter expression accepted (X-Ray's FilterExpression limit for groups is similar). */
export const MAX_FILTER_EXPRESSION_LENGTH = 2000;

/** The parser's SyntaxError (its class is generated with the parser, so it is recognised by shape). */
function isSyntaxError(error: unknown): error is Error & { location: LocationRange } {
  return error instanceof Error && error.name === 'SyntaxError' && 'location' in error && 'expected' in error;
}

/**
 * Parses a filter expression. A syntax error becomes an InvalidRequestException
 * whose message gives the position and what was expected there.
 */
export function parseFilterExpression(text: string): FilterNode {
  if (text.length > MAX_FILTER_EXPRESSION_LENGTH) {
    throw new ProtocolError(
      400,
      'InvalidRequestException',
      `FilterExpression is longer than ${MAX_FILTER_EXPRESSION_LENGTH} characters`,
    );
  }
  try {
    return parser.parse(text) as FilterNode;
  } catch (error) {
    if (!isSyntaxError(error)) throw error;
    const { offset, line, column } = error.location.start;
    throw new ProtocolError(
      400,
      'InvalidRequestException',
      `Invalid FilterExpression at position ${offset} (line ${line}, column ${column}): ${error.message}`,
    );
  }
}
