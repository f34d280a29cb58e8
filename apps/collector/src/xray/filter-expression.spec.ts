import { traceRecordOf } from '../store/testing/trace-record.fixture';
import type { XraySegmentDocument } from '../store/xray-segment';
import { matchesFilter } from './filter-expression.evaluator';
import { parseFilterExpression } from './filter-expression.grammar';
import { type TraceView, traceViewOf } from './trace.view';

const TRACE = '1-5759e988-bd862e3fe1be46a994272793';

function view(...documents: XraySegmentDocument[]): TraceView {
  const record = traceRecordOf('5759e988bd862e3fe1be46a994272793', ...documents);
  const result = traceViewOf(record);
  if (!result) throw new Error('no view');
  return result;
}

// backend-flask (root, 200, 1.5 s) calls notifications (fault) through a remote subsegment, and an HTTP API nobody traces.
const trace = view(
  {
    id: 'aaaaaaaaaaaaaaaa',
    name: 'backend-flask',
    trace_id: TRACE,
    start_time: 100,
    end_time: 101.5,
    http: { request: { method: 'GET', url: 'http://localhost:4567/api/activities/home' }, response: { status: 200 } },
    annotations: { handle: 'andrewbrown', count: 3, premium: true },
    subsegments: [
      { id: 'bbbbbbbbbbbbbbbb', name: 'notifications', namespace: 'remote', start_time: 100.1, end_time: 100.6 },
      { id: 'cccccccccccccccc', name: 'api.example.com', namespace: 'remote', start_time: 100.7, end_time: 100.9 },
    ],
  },
  {
    id: 'dddddddddddddddd',
    name: 'notifications',
    trace_id: TRACE,
    parent_id: 'bbbbbbbbbbbbbbbb',
    start_time: 100.2,
    end_time: 100.5,
    fault: true,
    http: { request: { method: 'POST', url: 'tcp://notifications' }, response: { status: 500 } },
  },
);

const matches = (expression: string): boolean => matchesFilter(parseFilterExpression(expression), trace);

describe('filter expressions', () => {
  it.each([
    ['fault', true],
    ['ok', false],
    ['!error', true],
    ['fault = false', false],
    ['error = false AND NOT throttle', true],
    ['responsetime > 1 AND responsetime <= 1.5', true],
    ['duration >= 2', false],
    ['http.status = 200', true],
    ['http.status = 500', false],
    ['http.method = "GET" && http.url CONTAINS "/api/activities"', true],
    ['http.url = "http://localhost:4567/api/activities/home"', true],
    ['http.url BEGINSWITH "https"', false],
    ['annotation.handle = "andrewbrown"', true],
    ['annotation.handle != "andrewbrown"', false],
    ['annotation.count >= 3 and annotation.count < 4', true],
    ['annotation.premium = true', true],
    ['annotation[handle] = "worf"', false],
    ['annotation.missing', false],
    ['service("notifications") {fault OR error}', true],
    ['service("backend-flask") {fault}', false],
    ['service("backend-flask") { http.status = 200 }', true],
    ['service("notifications")', true],
    ['service("nope")', false],
    ['service("api.example.com") { ok }', true],
    ['service(id(name: "api.example.com", type: "remote"))', true],
    ['service() { fault }', true],
    ['SERVICE("notifications") { FAULT } Or annotation.count = 9', true],
    ['(ok || fault) && !(responsetime < 1)', true],
  ])('%s → %s', (expression, expected) => {
    expect(matches(expression)).toBe(expected);
  });

  it.each([
    ['fault OR', 'position 8 (line 1, column 9)'],
    ['responsetime > "slow"', 'Expected number'],
    ['service("x" { fault }', 'Expected ")"'],
    ['annotation.k = ', 'Expected "false", "true", number, or string'],
    ['faulty', 'position 0'],
  ])('refuses %j with where and what was expected', (expression, expected) => {
    expect(() => parseFilterExpression(expression)).toThrow(expected);
    expect(() => parseFilterExpression(expression)).toThrow(/^Invalid FilterExpression at position \d+/);
  });
});
