import { factsOf } from '../api/trace-facts';
import { StatsService } from '../common/stats.service';
import { TraceQueryService } from '../xray/trace.query';
import type { XraySegmentDocument } from './xray-segment';
import { SafeTraceReader } from './safe-trace.reader';
import { TraceStore } from './trace.store';

const [GOOD, BAD] = ['5759e988bd862e3fe1be46a994272793', '5759e988bd862e3fe1be46a994272794'];

/** Arrays nested far deeper than any recursive walk survives, built without recursion. */
function deepArrays(levels: number): unknown[] {
  const root: unknown[] = [];
  let current = root;
  for (let i = 0; i < levels; i++) current.push((current = []));
  return root;
}

const segment = (traceId: string, id: string, metadata?: unknown): XraySegmentDocument => ({
  id,
  name: 'api',
  trace_id: `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`,
  start_time: 10,
  end_time: 20,
  ...(metadata === undefined ? {} : { metadata: { default: { x: metadata } } }),
});

describe('SafeTraceReader', () => {
  // A record that got into the store past the ingest checks (they refuse this input): its reads overflow the stack.
  const stats = new StatsService();
  const store = new TraceStore({ maxTraces: 10, maxTraceBytes: 1 << 20 }, stats);
  store.addSegment(segment(BAD, 'bbbbbbbbbbbbbbbb', deepArrays(20_000)), BAD, 'xray_udp', 100);
  store.addSegment(segment(GOOD, 'aaaaaaaaaaaaaaaa'), GOOD, 'xray_udp', 100);
  const reader = new SafeTraceReader(stats);

  it('leaves out the record whose read throws, counts it, and reads the others', () => {
    const before = stats.unreadableTraces;
    expect(reader.each(store.list(), factsOf).map((facts) => facts.item.traceId)).toEqual([GOOD]);
    expect(stats.unreadableTraces - before).toBe(1);
  });

  it('keeps GetTraceSummaries, GetServiceGraph and BatchGetTraces answering for the other traces', () => {
    const query = new TraceQueryService(store, reader);
    const window = { startTime: 0, endTime: 100 };
    expect(query.inWindow(window).map((view) => view.traceId)).toEqual([GOOD]);
    expect(query.serviceGraph(window).map((service) => service.Name)).toContain('api');
    expect(query.byId(BAD)).toBeUndefined();
    expect(query.byId(GOOD)?.traceId).toBe(GOOD);
  });
});
