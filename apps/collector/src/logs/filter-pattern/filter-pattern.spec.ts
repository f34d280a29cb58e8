import { FilterPatternSyntaxError, parseFilterPattern } from './filter-pattern.grammar';
import { compileFilterPattern } from './filter-pattern.matcher';

const json = (value: unknown) => JSON.stringify(value);
const line = json({
  level: 'error',
  trace_id: '5759e988bd862e3fe1be46a994272793',
  duration_ms: 250,
  ok: false,
  parent: null,
  user: { handle: 'worf', roles: ['admin', 'pilot'] },
  path: '/api/activities/home',
});

/** Which of the messages a pattern keeps. */
function keep(pattern: string, messages: string[]): string[] {
  const matches = compileFilterPattern(pattern);
  return messages.filter(matches);
}

describe('filter pattern grammar', () => {
  it('parses text patterns into terms', () => {
    expect(parseFilterPattern('ERROR "timed out" ?warn -health')).toEqual({
      kind: 'terms',
      terms: [
        { mode: 'all', text: 'ERROR' },
        { mode: 'all', text: 'timed out' },
        { mode: 'oneOf', text: 'warn' },
        { mode: 'not', text: 'health' },
      ],
    });
    expect(parseFilterPattern('   ')).toEqual({ kind: 'all' });
  });

  it('parses JSON patterns with precedence: && binds tighter than ||', () => {
    expect(parseFilterPattern('{ $.a = 1 || $.b = 2 && $.c[0] IS NULL }')).toEqual({
      kind: 'json',
      expression: {
        kind: 'or',
        left: { kind: 'compare', path: ['a'], op: '=', value: { type: 'number', value: 1 } },
        right: {
          kind: 'and',
          left: { kind: 'compare', path: ['b'], op: '=', value: { type: 'number', value: 2 } },
          right: { kind: 'isNull', path: ['c', 0] },
        },
      },
    });
  });

  it.each([
    ['{ $.a = }', 9, 'Expected value but "}" found.'],
    ['{ $.a > "x" }', 9, 'Expected number but "\\"" found.'],
    ['{ $.a = 1', 10, 'Expected'],
    ['{ a = 1 }', 3, 'Expected "(" or selector ($.field)'],
    ['"unterminated', 1, 'Expected'],
    ['[ip, user]', 1, 'space-delimited patterns'],
  ])('refuses %j, saying where (character %i)', (pattern, position, reason) => {
    let error: unknown;
    try {
      parseFilterPattern(pattern);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FilterPatternSyntaxError);
    expect((error as FilterPatternSyntaxError).position).toBe(position);
    expect((error as FilterPatternSyntaxError).message).toContain(`Invalid filter pattern at character ${position}: `);
    expect((error as FilterPatternSyntaxError).reason).toContain(reason);
  });
});

describe('filter pattern matcher', () => {
  const messages = [
    'ERROR timed out talking to activities',
    'WARN slow answer',
    'INFO health check',
    'error: lower case',
  ];

  it('matches terms case-sensitively, all of them, as substrings', () => {
    expect(keep('ERROR', messages)).toEqual(['ERROR timed out talking to activities']);
    expect(keep('ERROR activities', messages)).toEqual(['ERROR timed out talking to activities']);
    expect(keep('ERROR health', messages)).toEqual([]);
    expect(keep('"timed out"', messages)).toEqual(['ERROR timed out talking to activities']);
    expect(keep('"out timed"', messages)).toEqual([]);
  });

  it('matches any of the ?terms, and none of the -terms', () => {
    expect(keep('?ERROR ?WARN', messages)).toEqual(messages.slice(0, 2));
    expect(keep('-health', messages)).toEqual([messages[0], messages[1], messages[3]]);
    expect(keep('?ERROR ?WARN -slow', messages)).toEqual([messages[0]]);
    expect(keep('', messages)).toEqual(messages);
  });

  it('compares JSON fields: strings with wildcards, numbers, regexes', () => {
    expect(keep('{ $.trace_id = "5759e988bd862e3fe1be46a994272793" }', [line, 'not json'])).toEqual([line]);
    expect(keep('{ $.trace_id = "5759e988*" }', [line])).toEqual([line]);
    expect(keep('{ $.trace_id = "5759e988" }', [line])).toEqual([]);
    expect(keep('{ $.path = /api/activities/* }', [line])).toEqual([line]);
    expect(keep('{ $.level != "error" }', [line])).toEqual([]);
    expect(keep('{ $.level != "info" }', [line])).toEqual([line]);
    expect(keep('{ $.duration_ms > 100 && $.duration_ms <= 250 }', [line])).toEqual([line]);
    expect(keep('{ $.duration_ms < 250 }', [line])).toEqual([]);
    expect(keep('{ $.duration_ms = 250 }', [line])).toEqual([line]);
    expect(keep('{ $.level = %^err(or)?$% }', [line])).toEqual([line]);
  });

  it('follows nested paths and array indexes', () => {
    expect(keep('{ $.user.handle = "worf" }', [line])).toEqual([line]);
    expect(keep('{ $.user.roles[1] = "pilot" }', [line])).toEqual([line]);
    expect(keep('{ $.user.roles[2] = "pilot" }', [line])).toEqual([]);
    expect(keep('{ $.user.roles.handle = "x" }', [line])).toEqual([]);
  });

  it('tells null, missing, true and false apart', () => {
    expect(keep('{ $.parent IS NULL }', [line])).toEqual([line]);
    expect(keep('{ $.user IS NULL }', [line])).toEqual([]);
    expect(keep('{ $.missing NOT EXISTS }', [line])).toEqual([line]);
    expect(keep('{ $.parent NOT EXISTS }', [line])).toEqual([]);
    expect(keep('{ $.ok IS FALSE }', [line])).toEqual([line]);
    expect(keep('{ $.ok IS TRUE }', [line])).toEqual([]);
    // A missing field matches neither = nor !=.
    expect(keep('{ $.missing != "x" }', [line])).toEqual([]);
  });

  it('combines with && and || and parentheses', () => {
    const a = json({ service: 'gateway', status: 500 });
    const b = json({ service: 'activities', status: 200 });
    const c = json({ service: 'gateway', status: 200 });
    expect(keep('{ $.service = "gateway" && ($.status = 500 || $.status = 404) }', [a, b, c])).toEqual([a]);
    expect(keep('{ ($.service = "gateway" && $.status = 500) || $.service = "activities" }', [a, b, c])).toEqual([
      a,
      b,
    ]);
  });

  it('applies JSON patterns only to JSON messages', () => {
    expect(keep('{ $.a NOT EXISTS }', ['plain text', '{"broken": ', '42', json({ b: 1 })])).toEqual([json({ b: 1 })]);
  });
});
