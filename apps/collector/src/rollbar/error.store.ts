import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CollectorLimits } from '../collector.config';
import { COLLECTOR_LIMITS } from '../collector.constants';
import { FifoQueue } from '../common/fifo.queue';
import { StatsService } from '../common/stats.service';
import { canonicalTraceId } from '../store/trace-ids';
import { ROLLBAR } from './rollbar.constants';
import type { ErrorStoreStats, RollbarItemData, RollbarItemView } from './rollbar-item.model';
import { titleOf, traceIdOf } from './rollbar-item.summary';

interface StoredItem {
  view: RollbarItemView;
  bytes: number;
}

/**
 * The Rollbar items the collector keeps, in memory, in arrival order.
 * Bounded by `maxErrorItems` and ROLLBAR.maxStoredBytes: the oldest go first,
 * counted as evicted. An item whose uuid is already kept is a resend: kept once.
 */
@Injectable()
export class ErrorStore {
  private readonly items = new Map<string, StoredItem>();
  /** Uuids in arrival order: the front is the next to evict. */
  private readonly order = new FifoQueue<string>();
  private bytes = 0;
  private evicted = 0;

  constructor(
    @Inject(COLLECTOR_LIMITS) private readonly limits: CollectorLimits,
    private readonly stats: StatsService,
  ) {}

  /** Keeps an item (`bytes`: its size as received); returns its view. */
  add(data: RollbarItemData, bytes: number, receivedAt: number): RollbarItemView {
    const uuid = typeof data.uuid === 'string' && data.uuid !== '' ? data.uuid : randomUUID();
    const existing = this.items.get(uuid);
    if (existing) return existing.view;
    const traceId = traceIdOf(data);
    const view: RollbarItemView = {
      uuid,
      receivedAt,
      level: typeof data.level === 'string' ? data.level : 'error',
      environment: typeof data.environment === 'string' ? data.environment : null,
      title: titleOf(data),
      ...(traceId ? { traceId } : {}),
      item: data,
    };
    this.items.set(uuid, { view, bytes });
    this.order.push(uuid);
    this.bytes += bytes;
    this.stats.count('rollbar', 'accepted');
    let dropped = 0;
    while (this.items.size > this.limits.maxErrorItems || this.bytes > ROLLBAR.maxStoredBytes) {
      const oldestUuid = this.order.shift();
      const oldest = oldestUuid === undefined ? undefined : this.items.get(oldestUuid);
      if (oldestUuid === undefined || !oldest) break;
      this.items.delete(oldestUuid);
      this.bytes -= oldest.bytes;
      dropped += 1;
    }
    this.evicted += dropped;
    this.stats.count('rollbar', 'evicted', dropped);
    return view;
  }

  /** Items of one trace (id in either form), oldest first. */
  findByTraceId(traceId: string): RollbarItemView[] {
    const canonical = canonicalTraceId(traceId);
    if (!canonical) return [];
    return [...this.items.values()].filter(({ view }) => view.traceId === canonical).map(({ view }) => view);
  }

  /** The newest `limit` items, newest first. */
  list(limit: number): RollbarItemView[] {
    const views = [...this.items.values()].map(({ view }) => view);
    return views.slice(Math.max(0, views.length - limit)).reverse();
  }

  storeStats(): ErrorStoreStats {
    return { items: this.items.size, maxItems: this.limits.maxErrorItems, evicted: this.evicted };
  }
}
