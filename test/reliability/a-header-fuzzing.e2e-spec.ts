import { Agent, request as httpRequest } from 'node:http';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { reportFigures } from '../support/reliability-figures';
import { Suite } from '../support/suite';

const SEED = 20261202;
const REQUESTS = 3000;
const CONCURRENCY = 8;

/** What the gateway must make of a request's trace headers. */
interface FuzzCase {
  kind: string;
  headers: Record<string, string | string[]>;
  /** The trace id the headers name (valid or not), if any. */
  sent?: string;
  /** `joined`: the answer names `sent`; `fresh`: a new root. */
  expect: 'joined' | 'fresh';
  /** The sampling decision the answer must carry: the caller's when joined, the root sampler's (always) when fresh. */
  sampled: boolean;
  /** A caller trying to get a request recorded that the decision says not to. */
  forcing?: boolean;
}

/** A small seeded generator of trace headers, valid and not (fast-check is not a dependency). */
class HeaderFuzzer {
  private readonly rng = xoroshiro128plus(SEED);

  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.int(0, 15).toString(16);
    return out;
  }

  traceId(): string {
    return this.hex(32).replace(/^0{32}$/, '1'.padStart(32, '0'));
  }

  spanId(): string {
    return this.hex(16).replace(/^0{16}$/, '1'.padStart(16, '0'));
  }

  tracestate(members: number, valueLength = 8): string {
    return Array.from({ length: members }, (_, i) => `k${i}=${this.hex(valueLength)}`).join(',');
  }

  baggage(members: number): string {
    return Array.from({ length: members }, (_, i) => `key${i}=value${this.hex(6)}`).join(',');
  }

  xray(traceId: string, spanId: string, sampled: string): string {
    return `Root=1-${traceId.slice(0, 8)}-${traceId.slice(8)};Parent=${spanId};Sampled=${sampled}`;
  }

  /** One case, drawn from the families below. */
  next(): FuzzCase {
    const t = this.traceId();
    const p = this.spanId();
    const flags = this.pick(['00', '01', '02', '03']);
    const sampled = (parseInt(flags, 16) & 1) === 1;
    const valid = `00-${t}-${p}-${flags}`;
    const family = this.int(0, 9);
    switch (family) {
      case 0: // valid, with optional whitespace and a valid tracestate
        return {
          kind: 'valid',
          headers: {
            traceparent: this.pick([valid, ` ${valid}`, `\t${valid} `]),
            tracestate: this.tracestate(this.int(0, 32)),
          },
          sent: t,
          expect: 'joined',
          sampled,
        };
      case 1: {
        // a future version: more fields after the flags are allowed, and ignored
        const version = this.pick(['01', '02', 'cc', 'fe']);
        return {
          kind: 'future version',
          headers: { traceparent: `${version}-${t}-${p}-${flags}-${this.hex(this.int(1, 40))}` },
          sent: t,
          expect: 'joined',
          sampled,
        };
      }
      case 2: {
        // malformed traceparent: no parent, a fresh root
        const malformed = this.pick([
          `00-${t.slice(1)}-${p}-${flags}`,
          `00-${t}0-${p}-${flags}`,
          `00-${t}-${p.slice(1)}-${flags}`,
          `00-${t.toUpperCase()}-${p}-${flags}`,
          `00-${t.slice(0, 31)}g-${p}-${flags}`,
          `00-${'0'.repeat(32)}-${p}-${flags}`,
          `00-${t}-${'0'.repeat(16)}-${flags}`,
          `ff-${t}-${p}-${flags}`,
          `00-${t}-${p}-${flags}-extra`,
          `0-${t}-${p}-${flags}`,
          `00_${t}_${p}_${flags}`,
          `00-${t}-${p}-0x`,
          `00-${t}-${p}-${flags}\t\t-x`,
          `00-${t.slice(0, 16)}\u00e9${t.slice(17)}-${p}-${flags}`,
          '',
          '-',
          `${'0'.repeat(this.int(60, 4000))}`,
        ]);
        return {
          kind: 'malformed traceparent',
          headers: { traceparent: malformed },
          sent: t,
          expect: 'fresh',
          sampled: true,
        };
      }
      case 3: // two traceparent lines: trust neither
        return {
          kind: 'duplicated traceparent',
          headers: { traceparent: [valid, `00-${this.traceId()}-${p}-01`] },
          sent: t,
          expect: 'fresh',
          sampled: true,
        };
      case 4: {
        // trying to force recording: not sampled by traceparent, plus a marker or an X-Ray "yes"
        const marker = this.pick([
          'cruddur_xray=undecided',
          'cruddur_xray=undecided,vendor=x',
          'a=1, cruddur_xray=undecided',
        ]);
        const headers = this.pick<Record<string, string>>([
          { traceparent: `00-${t}-${p}-00`, tracestate: marker },
          { traceparent: `00-${t}-${p}-02`, tracestate: marker },
          { traceparent: `00-${t}-${p}-00`, 'x-amzn-trace-id': this.xray(t, p, '1') },
          { traceparent: `00-${t}-${p}-00`, 'x-amzn-trace-id': this.xray(t, p, '?') },
          { 'x-amzn-trace-id': this.xray(t, p, '0'), tracestate: marker },
        ]);
        return { kind: 'forced sampling', headers, sent: t, expect: 'joined', sampled: false, forcing: true };
      }
      case 5: // X-Ray header alone
        return this.int(0, 1) === 0
          ? {
              kind: 'valid X-Amzn-Trace-Id',
              headers: { 'x-amzn-trace-id': this.xray(t, p, this.pick(['0', '1'])) },
              sent: t,
              expect: 'joined',
              sampled: false, // overwritten below
            }
          : {
              kind: 'malformed X-Amzn-Trace-Id',
              headers: {
                'x-amzn-trace-id': this.pick([
                  `Root=1-${t.slice(0, 8)}-${t.slice(9)};Parent=${p};Sampled=1`,
                  `Root=1-${t.slice(0, 8)}-${t.slice(8)};Parent=${p};Sampled=2`,
                  `Root=1-${t.slice(0, 8)}-${t.slice(8)};Root=1-${t.slice(0, 8)}-${t.slice(8)};Sampled=1`,
                  `${this.xray(t, p, '1')};${Array.from({ length: 20 }, (_, i) => `f${i}=1`).join(';')}`,
                  `${this.xray(t, p, '1')};Lineage=${'a'.repeat(600)}`,
                  `Root=${t};Parent=${p};Sampled=1`,
                ]),
              },
              sent: t,
              expect: 'fresh',
              sampled: true,
            };
      case 6: // many list members
        return {
          kind: 'many list members',
          headers: {
            traceparent: valid,
            tracestate: this.tracestate(this.int(33, 200), 4),
            baggage: this.baggage(this.int(65, 300)),
          },
          sent: t,
          expect: 'joined',
          sampled,
        };
      case 7: {
        // a huge header, well inside Node's 16 KiB limit for all of them
        const size = this.int(8_000, 14_000);
        const header = this.pick(['tracestate', 'baggage']);
        return {
          kind: 'huge header',
          headers: { traceparent: valid, [header]: `k=${'v'.repeat(size)}` },
          sent: t,
          expect: 'joined',
          sampled,
        };
      }
      case 8: {
        // odd bytes where the grammar allows none (only what an HTTP client may send at all)
        const odd = this.pick(['\t', '\u00ff', '\u0080', ' ', '=', ',', ';']);
        return {
          kind: 'odd characters',
          headers: { traceparent: valid, tracestate: `a${odd}b=1,${odd}`, baggage: `k=v${odd},${odd}=x,%zz=1` },
          sent: t,
          expect: 'joined',
          sampled,
        };
      }
      default: // no trace headers at all
        return { kind: 'none', headers: {}, expect: 'fresh', sampled: true };
    }
  }
}

interface Answer {
  status: number;
  traceresponse?: string;
}

function send(agent: Agent, url: string, headers: Record<string, string | string[]>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent, headers, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, traceresponse: res.headers.traceresponse as string }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', reject);
    req.end();
  });
}

const TRACERESPONSE = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

describe('scenario (a): header fuzzing at the gateway', () => {
  let suite: Suite;

  beforeAll(async () => {
    // The default sampler (parent-based, every root sampled): a caller's "not sampled" must stand, whatever
    // else its headers say. Telemetry goes where nothing listens: the answers are what is measured.
    suite = await Suite.start({ GATEWAY_RATE_LIMIT_PER_MINUTE: '0' });
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it(`${REQUESTS} requests with seeded trace headers: no 5xx, a valid traceresponse on each, context joined only when valid`, async () => {
    const fuzzer = new HeaderFuzzer();
    const cases: FuzzCase[] = Array.from({ length: REQUESTS }, () => fuzzer.next());
    for (const fuzzCase of cases) {
      // A valid X-Ray header's decision is its Sampled field.
      if (fuzzCase.kind === 'valid X-Amzn-Trace-Id')
        fuzzCase.sampled = String(fuzzCase.headers['x-amzn-trace-id']).endsWith('Sampled=1');
    }
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const statuses: Record<string, number> = {};
    const problems: string[] = [];
    const counts = { freshRoots: 0, joined: 0, forcedAttempts: 0, forcedSucceeded: 0, sendErrors: 0 };
    const byKind: Record<string, number> = {};
    const started = performance.now();
    let nextIndex = 0;
    const worker = async () => {
      while (nextIndex < cases.length) {
        const index = nextIndex++;
        const fuzzCase = cases[index];
        byKind[fuzzCase.kind] = (byKind[fuzzCase.kind] ?? 0) + 1;
        const path = index % 10 === 0 ? '/api/activities/home' : '/api/health-check';
        let answer: Answer;
        try {
          answer = await send(agent, `${suite.baseUrl}${path}`, fuzzCase.headers);
        } catch (error) {
          counts.sendErrors++;
          problems.push(`#${index} ${fuzzCase.kind}: ${String(error)}`);
          continue;
        }
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        const match = TRACERESPONSE.exec(answer.traceresponse ?? '');
        if (answer.status >= 500 || !match) {
          problems.push(`#${index} ${fuzzCase.kind}: ${answer.status}, traceresponse ${answer.traceresponse}`);
          continue;
        }
        const joined = match[1] === fuzzCase.sent;
        const sampled = (parseInt(match[3], 16) & 1) === 1;
        if (joined) counts.joined++;
        else counts.freshRoots++;
        if (fuzzCase.forcing) {
          counts.forcedAttempts++;
          if (sampled) counts.forcedSucceeded++;
        }
        if (joined !== (fuzzCase.expect === 'joined') || sampled !== fuzzCase.sampled) {
          problems.push(
            `#${index} ${fuzzCase.kind} ${JSON.stringify(fuzzCase.headers).slice(0, 200)}: expected ${fuzzCase.expect}, sampled ${fuzzCase.sampled}; got ${answer.traceresponse}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsedMs = Math.round(performance.now() - started);
    agent.destroy();

    const alive = Object.values(suite.services).every((service) => service.running);
    const fivexx = Object.entries(statuses)
      .filter(([status]) => Number(status) >= 500)
      .reduce((sum, [, count]) => sum + count, 0);
    reportFigures('a-header-fuzzing', {
      requests: REQUESTS,
      seed: SEED,
      concurrency: CONCURRENCY,
      '5xx': fivexx,
      '200': statuses[200] ?? 0,
      freshRoots: counts.freshRoots,
      joined: counts.joined,
      forcedAttempts: counts.forcedAttempts,
      forcedSucceeded: counts.forcedSucceeded,
      mismatches: problems.length,
      allProcessesAlive: alive,
      elapsedMs,
      requestsPerSecond: Math.round((REQUESTS * 1000) / elapsedMs),
    });
    expect(problems.slice(0, 20)).toEqual([]);
    expect(fivexx).toBe(0);
    expect(counts.forcedSucceeded).toBe(0);
    expect(statuses).toEqual({ 200: REQUESTS });
    expect(alive).toBe(true);
    // Every family was drawn, so each rule above was exercised.
    expect(Object.keys(byKind).length).toBe(11);
  }, 120_000);
});
