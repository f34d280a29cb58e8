import type { TraceState } from '@opentelemetry/api';
import { trimOptionalWhitespace } from './optional-whitespace';

/** Most list members a `tracestate` may hold. */
export const MAX_TRACE_STATE_MEMBERS = 32;

/**
 * Longest `tracestate` propagated, in characters of the serialized list: the 512 the
 * specification says vendors SHOULD propagate at least, and no more (a member's key and value may
 * reach 256 characters each: 32 of them would make every outgoing call carry 16 KB).
 */
export const MAX_TRACE_STATE_LENGTH = 512;

/** Members longer than this (as `key=value`) are the first dropped when the list is too long. */
const LONG_MEMBER_LENGTH = 128;

// Level 2's grammar: key = simple-key / multi-tenant-key.
// simple-key = lcalpha 0*255( lcalpha / DIGIT / "_" / "-" / "*" / "/" )
const SIMPLE_KEY = /^[a-z][a-z0-9_\-*/]{0,255}$/;
// multi-tenant-key = tenant-id "@" system-id; tenant-id: lcalpha or DIGIT first, 241 at most;
// system-id: lcalpha first, 14 at most.
const MULTI_TENANT_KEY = /^[a-z0-9][a-z0-9_\-*/]{0,240}@[a-z][a-z0-9_\-*/]{0,13}$/;
// value = 0*255(chr) nblk-chr; chr = %x20 / nblk-chr; nblk-chr = %x21-2B / %x2D-3C / %x3E-7E
// (printable ASCII but "," and "=", not ending in a space).
const VALUE = /^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;

/** Whether `key` is a valid `tracestate` key. */
export function isTraceStateKey(key: string): boolean {
  return SIMPLE_KEY.test(key) || MULTI_TENANT_KEY.test(key);
}

/** Whether `value` is a valid `tracestate` value. */
export function isTraceStateValue(value: string): boolean {
  return VALUE.test(value);
}

type Member = readonly [key: string, value: string];

/**
 * A `tracestate` list that follows W3C Trace Context Level 2 strictly, in
 * place of `@opentelemetry/core`'s, which keeps the valid members of a header
 * that breaks the grammar and refuses an entry rather than making room for it.
 *
 * Immutable: `set` and `unset` return a new list. `set` puts the member at
 * the left (an update moves it there); when that makes 33 members, the
 * rightmost one is dropped. An invalid key or value leaves the list as it is.
 */
export class W3cTraceState implements TraceState {
  private static readonly EMPTY = new W3cTraceState([]);

  private constructor(private readonly members: readonly Member[]) {}

  /** A list with no members. */
  static empty(): W3cTraceState {
    return W3cTraceState.EMPTY;
  }

  /**
   * Parses a `tracestate` value (repeated headers joined with `,` first, as
   * RFC 9110 combines them). Undefined when the value breaks the grammar
   * anywhere: a bad character in a key or a value, an empty value, a key
   * longer than the grammar allows, more than 32 members, or a key twice. The
   * whole header is then discarded, never partly kept. Empty and
   * whitespace-only members are allowed, spaces and tabs around members ignored.
   */
  static parse(header: string): W3cTraceState | undefined {
    const members: Member[] = [];
    const keys = new Set<string>();
    for (const part of header.split(',')) {
      const member = trimOptionalWhitespace(part);
      if (member === '') continue;
      if (members.length === MAX_TRACE_STATE_MEMBERS) return undefined;
      const equals = member.indexOf('=');
      if (equals < 0) return undefined;
      const key = member.slice(0, equals);
      const value = member.slice(equals + 1);
      if (!isTraceStateKey(key) || !isTraceStateValue(value) || keys.has(key)) return undefined;
      keys.add(key);
      members.push([key, value]);
    }
    return members.length === 0 ? W3cTraceState.EMPTY : new W3cTraceState(members);
  }

  /**
   * The list cut to at most `maxLength` characters serialized, as Trace Context's "tracestate
   * limits" ask: whole members only; members longer than 128 characters go first (rightmost
   * first), then members from the right end, until the rest fits. The list itself when it fits.
   */
  truncate(maxLength = MAX_TRACE_STATE_LENGTH): W3cTraceState {
    const members = [...this.members];
    let length = this.serialize().length;
    const drop = (index: number) => {
      const [key, value] = members[index];
      length -= key.length + 1 + value.length + (members.length > 1 ? 1 : 0);
      members.splice(index, 1);
    };
    for (let index = members.length - 1; index >= 0 && length > maxLength; index--) {
      const [key, value] = members[index];
      if (key.length + 1 + value.length > LONG_MEMBER_LENGTH) drop(index);
    }
    while (length > maxLength && members.length > 0) drop(members.length - 1);
    if (members.length === this.members.length) return this;
    return members.length === 0 ? W3cTraceState.EMPTY : new W3cTraceState(members);
  }

  /** How many members the list holds. */
  get size(): number {
    return this.members.length;
  }

  set(key: string, value: string): W3cTraceState {
    if (!isTraceStateKey(key) || !isTraceStateValue(value)) return this;
    const others = this.members.filter(([existing]) => existing !== key);
    return new W3cTraceState([[key, value] as const, ...others].slice(0, MAX_TRACE_STATE_MEMBERS));
  }

  unset(key: string): W3cTraceState {
    if (!this.members.some(([existing]) => existing === key)) return this;
    const rest = this.members.filter(([existing]) => existing !== key);
    return rest.length === 0 ? W3cTraceState.EMPTY : new W3cTraceState(rest);
  }

  get(key: string): string | undefined {
    return this.members.find(([existing]) => existing === key)?.[1];
  }

  /** The header value: members in order, `key=value` joined by `,`. Empty for an empty list. */
  serialize(): string {
    return this.members.map(([key, value]) => `${key}=${value}`).join(',');
  }
}
