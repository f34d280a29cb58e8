import { gzipSync } from 'node:zlib';

// The hostile bodies of reliability scenario (b), each with the answer it must get.

/** A seed activity, replied to by the reply case. */
export const REPLY_TO = '68f126b0-1ceb-4a33-88be-d90fa7109eee';
export const GATEWAY_BODY_LIMIT = 100 * 1024;

/** `depth` arrays inside one another around `inner`. */
export const arrays = (depth: number, inner = '"x"') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
/** `depth` objects `{"a": …}` inside one another. */
export const objects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const withMessage = (message: string) => `{"handle":"andrewbrown","ttl":"7-days","message":${message}}`;
const utf8WithBytes = (bytes: number[]) =>
  Buffer.concat([
    Buffer.from('{"handle":"andrewbrown","ttl":"7-days","message":"a'),
    Buffer.from(bytes),
    Buffer.from('b"}'),
  ]);

export interface HostileCase {
  name: string;
  /** `gateway` (POST /api/activities unless `path`), or `activities` (its HTTP API). */
  target: 'gateway' | 'activities';
  path?: string;
  body: string | Buffer;
  headers?: Record<string, string>;
  status: number;
  /** What the answer's message must say (4xx), or the message stored (201). */
  says?: RegExp;
  stored?: string;
}

export const TOO_DEEP = /^Request body is not valid JSON: JSON nests deeper than 64 levels \(at position \d+\)$/;
export const NOT_UTF8 = /^Request body is not valid UTF-8/;
const TOO_LARGE = new RegExp(`^Request body is larger than the limit of ${GATEWAY_BODY_LIMIT} bytes$`);

const graphemeCase = (label: string, character: string, count: number): HostileCase => {
  const message = character.repeat(count);
  return count <= 280
    ? {
        name: `${count} × ${label}`,
        target: 'gateway',
        body: withMessage(JSON.stringify(message)),
        status: 201,
        stored: message,
      }
    : {
        name: `${count} × ${label}`,
        target: 'gateway',
        body: withMessage(JSON.stringify(message)),
        status: 422,
        says: /message_exceed_max_chars/,
      };
};

export const CASES: HostileCase[] = [
  // Deep nesting, several depths and fields; the 2,200+ levels overflowed class-transformer (500) before.
  ...[65, 2200, 3000, 20_000].map((depth): HostileCase => ({
    name: `message: arrays ${depth} deep`,
    target: 'gateway',
    body: withMessage(arrays(depth)),
    status: 400,
    says: TOO_DEEP,
  })),
  {
    name: 'handle: objects 3000 deep',
    target: 'gateway',
    body: `{"handle":${objects(3000)},"message":"m","ttl":"7-days"}`,
    status: 400,
    says: TOO_DEEP,
  },
  {
    name: 'ttl: objects and arrays 5000 deep',
    target: 'gateway',
    body: `{"handle":"worf","message":"m","ttl":${arrays(2500, objects(2500))}}`,
    status: 400,
    says: TOO_DEEP,
  },
  { name: 'top level: arrays 3000 deep', target: 'gateway', body: arrays(3000), status: 400, says: TOO_DEEP },
  { name: 'top level: objects 3000 deep', target: 'gateway', body: objects(3000), status: 400, says: TOO_DEEP },
  {
    name: 'reply: message 3000 deep',
    target: 'gateway',
    path: `/api/activities/${REPLY_TO}/reply`,
    body: `{"handle":"worf","message":${arrays(3000)}}`,
    status: 400,
    says: TOO_DEEP,
  },
  {
    name: 'deep nesting beyond the body limit',
    target: 'gateway',
    body: withMessage(arrays(60_000)),
    status: 413,
    says: TOO_LARGE,
  },
  // Just under the limit: the ordinary validation answer.
  {
    name: 'message: arrays 63 deep (64 with the body)',
    target: 'gateway',
    body: withMessage(arrays(63)),
    status: 422,
    says: /message_invalid/,
  },
  {
    name: 'handle: objects 63 deep',
    target: 'gateway',
    body: `{"handle":${objects(63)},"message":"m","ttl":"7-days"}`,
    status: 422,
    says: /handle_invalid/,
  },
  // Bad UTF-8, stored as U+FFFD before.
  { name: 'UTF-8: \\xff\\xfe', target: 'gateway', body: utf8WithBytes([0xff, 0xfe]), status: 400, says: NOT_UTF8 },
  {
    name: 'UTF-8: lone continuation byte',
    target: 'gateway',
    body: utf8WithBytes([0x80]),
    status: 400,
    says: NOT_UTF8,
  },
  {
    name: 'UTF-8: truncated sequence',
    target: 'gateway',
    body: utf8WithBytes([0xe2, 0x82]),
    status: 400,
    says: NOT_UTF8,
  },
  { name: 'UTF-8: overlong "/"', target: 'gateway', body: utf8WithBytes([0xc0, 0xaf]), status: 400, says: NOT_UTF8 },
  {
    name: 'UTF-8: encoded surrogate',
    target: 'gateway',
    body: utf8WithBytes([0xed, 0xa0, 0x80]),
    status: 400,
    says: NOT_UTF8,
  },
  {
    name: 'UTF-8: truncated 4-byte emoji',
    target: 'gateway',
    body: utf8WithBytes([0xf0, 0x9f, 0x98]),
    status: 400,
    says: NOT_UTF8,
  },
  // Characters as a person counts them.
  ...(['👩‍💻', '👨‍👩‍👧‍👦', '🏳️‍🌈', '❤️', 'e\u0301'] as const).flatMap((character) => [
    graphemeCase(`"${character}" (${[...character].length} code points)`, character, 280),
    graphemeCase(`"${character}" (${[...character].length} code points)`, character, 281),
  ]),
  {
    name: 'zalgo within the bound',
    target: 'gateway',
    body: withMessage(JSON.stringify('Z̷̢̛a̶͎͐l̸̰̈g̵̣̈́ǫ̴̈́')),
    status: 201,
    stored: 'Z̷̢̛a̶͎͐l̸̰̈g̵̣̈́ǫ̴̈́',
  },
  {
    name: 'zalgo: one character with 6000 marks',
    target: 'gateway',
    body: withMessage(JSON.stringify(`Z${'\u0336'.repeat(6000)}`)),
    status: 422,
    says: /message_exceed_max_chars/,
  },
  // Huge strings, within and beyond the body limit, and a gzip bomb.
  {
    name: 'message of 90 KB',
    target: 'gateway',
    body: withMessage(JSON.stringify('x'.repeat(90_000))),
    status: 422,
    says: /message_exceed_max_chars/,
  },
  {
    name: 'message of 200 KB',
    target: 'gateway',
    body: withMessage(JSON.stringify('x'.repeat(200_000))),
    status: 413,
    says: TOO_LARGE,
  },
  {
    name: 'gzip bomb (10 MB inflated)',
    target: 'gateway',
    body: gzipSync(withMessage(JSON.stringify(' '.repeat(10 * 1024 * 1024)))),
    headers: { 'content-encoding': 'gzip' },
    status: 413,
    says: TOO_LARGE,
  },
  // Prototype keys: dropped, never merged into anything.
  {
    name: '__proto__ key',
    target: 'gateway',
    body: '{"handle":"worf","message":"proto","ttl":"7-days","__proto__":{"admin":true,"ttl":"never"}}',
    status: 201,
    stored: 'proto',
  },
  {
    name: 'constructor.prototype key',
    target: 'gateway',
    body: '{"handle":"worf","message":"ctor","ttl":"7-days","constructor":{"prototype":{"polluted":true}}}',
    status: 201,
    stored: 'ctor',
  },
  {
    name: '__proto__ as the handle',
    target: 'gateway',
    body: '{"handle":{"__proto__":{"polluted":true}},"message":"m","ttl":"7-days"}',
    status: 422,
    says: /handle_invalid/,
  },
  // Activities' own HTTP API reads bodies the same way.
  {
    name: 'activities: message 3000 deep',
    target: 'activities',
    body: withMessage(arrays(3000)),
    status: 400,
    says: TOO_DEEP,
  },
  { name: 'activities: top level 3000 deep', target: 'activities', body: objects(3000), status: 400, says: TOO_DEEP },
  {
    name: 'activities: bad UTF-8',
    target: 'activities',
    body: utf8WithBytes([0xff, 0xfe]),
    status: 400,
    says: NOT_UTF8,
  },
  {
    name: 'activities: 63 deep',
    target: 'activities',
    body: withMessage(arrays(63)),
    status: 422,
    says: /message_invalid/,
  },
];
