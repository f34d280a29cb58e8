import type { CollectorLimits } from '../collector.config';
import { StatsService } from '../common/stats.service';
import { ErrorStore } from './error.store';
import { ROLLBAR } from './rollbar.constants';

const TRACE = '5759e988bd862e3fe1be46a994272793';
const XRAY = '1-5759e988-bd862e3fe1be46a994272793';

function setup(maxErrorItems = 10) {
  const stats = new StatsService();
  const limits: CollectorLimits = {
    maxTraces: 1,
    maxTraceBytes: 1,
    maxLogEvents: 1,
    maxLogBytes: 1,
    maxErrorItems,
    bodyLimitBytes: 1,
  };
  return { stats, store: new ErrorStore(limits, stats) };
}

const message = (body: string, extra: Record<string, unknown> = {}) => ({ body: { message: { body } }, ...extra });

describe('ErrorStore', () => {
  it('summarises items: title, level (error by default), environment, trace id, the data as received', () => {
    const { store } = setup();
    const data = {
      uuid: 'a1',
      environment: 'prod',
      body: { trace_chain: [{ exception: { class: 'TypeError', message: 'boom' }, frames: [] }] },
      custom: { xray_trace_id: XRAY },
    };
    expect(store.add(data, 100, 42)).toEqual({
      uuid: 'a1',
      receivedAt: 42,
      level: 'error',
      environment: 'prod',
      title: 'TypeError: boom',
      traceId: TRACE,
      item: data,
    });
    const plain = store.add(message('Hello World!', { level: 'warning' }), 10, 43);
    expect(plain).toMatchObject({
      level: 'warning',
      environment: null,
      title: 'Hello World!',
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(plain.traceId).toBeUndefined();
  });

  it('finds items by trace id in either form, oldest first; lists newest first', () => {
    const { store } = setup();
    store.add(message('one', { custom: { trace_id: TRACE } }), 1, 1);
    store.add(message('two'), 1, 2);
    store.add(message('three', { custom: { trace_id: XRAY.toUpperCase() } }), 1, 3);
    expect(store.findByTraceId(XRAY).map((view) => view.title)).toEqual(['one', 'three']);
    expect(store.findByTraceId(TRACE).map((view) => view.title)).toEqual(['one', 'three']);
    expect(store.findByTraceId('nonsense')).toEqual([]);
    expect(store.list(2).map((view) => view.title)).toEqual(['three', 'two']);
  });

  it('keeps a resent uuid once', () => {
    const { store, stats } = setup();
    store.add(message('first', { uuid: 'same' }), 1, 1);
    expect(store.add(message('again', { uuid: 'same' }), 1, 2).title).toBe('first');
    expect(store.storeStats().items).toBe(1);
    expect(stats.snapshot().rollbar.accepted).toBe(1);
  });

  it('evicts the oldest beyond maxErrorItems, and counts them', () => {
    const { store, stats } = setup(3);
    for (let i = 0; i < 5; i++) store.add(message(`item ${i}`), 1, i);
    expect(store.list(10).map((view) => view.title)).toEqual(['item 4', 'item 3', 'item 2']);
    expect(store.storeStats()).toEqual({ items: 3, maxItems: 3, evicted: 2 });
    expect(stats.snapshot().rollbar).toEqual({ accepted: 5, rejected: 0, evicted: 2 });
  });

  it('evicts the oldest beyond the stored bytes bound', () => {
    const { store } = setup(100);
    const size = ROLLBAR.maxStoredBytes / 4;
    for (let i = 0; i < 6; i++) store.add(message(`item ${i}`), size, i);
    expect(store.list(10).map((view) => view.title)).toEqual(['item 5', 'item 4', 'item 3', 'item 2']);
  });
});
