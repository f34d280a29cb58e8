import { W3cTraceState } from './w3c-trace-state';

const members = (count: number, prefix = 'bar') =>
  Array.from(
    { length: count },
    (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}=${String(i + 1).padStart(2, '0')}`,
  );

const LCALPHA = 'abcdefghijklmnopqrstuvwxyz';
const KEY_CHARS = `${LCALPHA}0123456789_-*/`;
const VALUE_CHARS = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i))
  .filter((char) => char !== ',' && char !== '=')
  .join('');

describe('W3cTraceState.parse', () => {
  it('keeps a valid 32-member header unchanged, in order', () => {
    const header = members(32).join(',');
    const state = W3cTraceState.parse(header);
    expect(state?.size).toBe(32);
    expect(state?.serialize()).toBe(header);
  });

  it('reads members around optional whitespace and skips empty members', () => {
    expect(W3cTraceState.parse('foo=1 \t , \t bar=2, \t baz=3')?.serialize()).toBe('foo=1,bar=2,baz=3');
    expect(W3cTraceState.parse('\t foo=1 \t')?.serialize()).toBe('foo=1');
    expect(W3cTraceState.parse('foo=1,,  ,bar=2,')?.serialize()).toBe('foo=1,bar=2');
  });

  it('counts only real members towards the 32 (empty ones are allowed anywhere)', () => {
    expect(W3cTraceState.parse(`,${members(32).join(', ,')},`)?.size).toBe(32);
  });

  it('reads an empty header as an empty list', () => {
    expect(W3cTraceState.parse('')?.size).toBe(0);
    expect(W3cTraceState.parse(' , ')?.serialize()).toBe('');
  });

  it('accepts every allowed character, and keys at their longest', () => {
    // The value starts with a space, which belongs to it (only trailing spaces are optional whitespace).
    const value = VALUE_CHARS;
    expect(W3cTraceState.parse(`${KEY_CHARS}=${value}`)?.get(KEY_CHARS)).toBe(value);
    expect(W3cTraceState.parse(`${KEY_CHARS}@a-z0-9_-*/=${value}`)?.get(`${KEY_CHARS}@a-z0-9_-*/`)).toBe(value);
    expect(W3cTraceState.parse(`${'z'.repeat(256)}=1`)?.size).toBe(1);
    expect(W3cTraceState.parse(`${'t'.repeat(241)}@${'v'.repeat(14)}=1`)?.size).toBe(1);
    expect(W3cTraceState.parse(`0tenant@vendor=1`)?.size).toBe(1);
    expect(W3cTraceState.parse(`k=${'v'.repeat(256)}`)?.size).toBe(1);
  });

  it('keeps leading spaces of a value, and drops trailing ones as optional whitespace', () => {
    expect(W3cTraceState.parse('foo=  bar  ,x=1')?.get('foo')).toBe('  bar');
  });

  const invalid: Array<[string, string]> = [
    ['33 members', members(33).join(',')],
    ['a key twice', 'foo=1,foo=1'],
    ['a key twice with different values', 'foo=1,bar=2,foo=2'],
    ['an upper-case key', 'FOO=1'],
    ['a dot in a key', 'foo.bar=1'],
    ['a space inside a member, before =', 'foo =1'],
    ['a key starting with a digit (not multi-tenant)', '1foo=1'],
    ['a key starting with _', '_foo=1'],
    ['a key of 257 characters', `${'z'.repeat(257)}=1`],
    ['a tenant id of 242 characters', `${'t'.repeat(242)}@v=1`],
    ['a system id of 15 characters', `t@${'v'.repeat(15)}=1`],
    ['an empty system id', 'foo@=1'],
    ['an empty tenant id', '@foo=1'],
    ['two @ in a row', 'foo@@bar=1'],
    ['two @', 'foo@bar@baz=1'],
    ['a system id starting with a digit', 'foo@1bar=1'],
    ['an empty key', '=1'],
    ['a member without =', 'foo'],
    ['an = in a value', 'foo=bar=baz'],
    ['an empty value', 'foo=,bar=3'],
    ['a value of spaces only', 'foo=   ,bar=3'],
    ['a value of 257 characters', `foo=${'v'.repeat(257)}`],
    ['a tab inside a value', 'foo=a\tb'],
    ['a control character in a value', 'foo=a\u0001b'],
    ['a character above 0x7e in a value', 'foo=caf\u00e9'],
    ['a non-ASCII key', 'f\u00f6o=1'],
  ];

  it.each(invalid)('discards the whole header on %s', (_, header) => {
    // A valid member next to the bad one is discarded with it: the header is never partly kept.
    expect(W3cTraceState.parse(`congo=t61rcWkgMzE,${header}`)).toBeUndefined();
    expect(W3cTraceState.parse(`${header},congo=t61rcWkgMzE`)).toBeUndefined();
  });
});

describe('W3cTraceState mutations', () => {
  const state = W3cTraceState.parse('congo=t61rcWkgMzE,rojo=00f067aa0ba902b7')!;

  it('adds a new member at the left', () => {
    expect(state.set('ours', 'x').serialize()).toBe('ours=x,congo=t61rcWkgMzE,rojo=00f067aa0ba902b7');
  });

  it('moves an updated member to the left, keeping the others in order', () => {
    expect(state.set('rojo', 'b9c7c989f97918e1').serialize()).toBe('rojo=b9c7c989f97918e1,congo=t61rcWkgMzE');
  });

  it('makes room at 32 members by dropping the rightmost', () => {
    const full = W3cTraceState.parse(members(32).join(','))!;
    const added = full.set('ours', 'x');
    expect(added.size).toBe(32);
    expect(added.serialize()).toBe(['ours=x', ...members(31)].join(','));
    // Updating a member already there needs no room.
    expect(full.set('bar32', 'y').serialize()).toBe(['bar32=y', ...members(31)].join(','));
  });

  it('ignores an invalid key or value, and leaves the list as it was', () => {
    expect(state.set('Bad', 'x')).toBe(state);
    expect(state.set('ok', 'a,b')).toBe(state);
    expect(state.set('ok', '')).toBe(state);
  });

  it('removes a member, and is immutable', () => {
    expect(state.unset('congo').serialize()).toBe('rojo=00f067aa0ba902b7');
    expect(state.unset('absent')).toBe(state);
    expect(state.unset('congo').unset('rojo').serialize()).toBe('');
    expect(state.serialize()).toBe('congo=t61rcWkgMzE,rojo=00f067aa0ba902b7');
    expect(state.get('rojo')).toBe('00f067aa0ba902b7');
    expect(state.get('absent')).toBeUndefined();
  });
});

describe('W3cTraceState.truncate', () => {
  const parse = (header: string) => W3cTraceState.parse(header)!;

  it('keeps a list of 512 characters or fewer as it is', () => {
    const state = parse(members(32).join(','));
    expect(state.truncate()).toBe(state);
    const exactly512 = parse(`a=${'v'.repeat(254)},b=${'w'.repeat(253)}`);
    expect(exactly512.serialize()).toHaveLength(512);
    expect(exactly512.truncate()).toBe(exactly512);
  });

  it('drops members longer than 128 characters first, the rightmost first, then from the right end', () => {
    const long1 = `long1=${'x'.repeat(200)}`;
    const long2 = `long2=${'y'.repeat(200)}`;
    const short = members(20); // 20 × 8 characters
    // 207 + 207 + 20 × 9 - 1 = 593 > 512: dropping long2 alone makes it fit.
    expect(
      parse([long1, ...short, long2].join(','))
        .truncate()
        .serialize(),
    ).toBe([long1, ...short].join(','));
    // Without long members, the rightmost go until it fits.
    const many = parse(
      Array.from({ length: 32 }, (_, i) => `k${String(i).padStart(2, '0')}=${'v'.repeat(14)}`).join(','),
    );
    expect(many.serialize()).toHaveLength(32 * 19 - 1);
    const cut = many.truncate();
    expect(cut.size).toBe(27); // 27 × 19 - 1 = 512 fits, 28 × 19 - 1 does not
    expect(cut.serialize()).toBe(many.serialize().slice(0, 512));
  });

  it('can cut to any length, down to the empty list', () => {
    expect(parse('a=1,b=2').truncate(3).serialize()).toBe('a=1');
    expect(parse('a=1,b=2').truncate(2).size).toBe(0);
  });
});
