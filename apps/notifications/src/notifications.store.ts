import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Notification } from '@app/contracts';
import type { NotificationsConfig } from './notifications.config';
import { NOTIFICATIONS_CONFIG } from './notifications.constants';
import { seedNotifications } from './seed.data';

/**
 * In-memory notifications, seeded with the original app's mock notification.
 * Bounded by `storeMaxItems`: when full, the oldest notification goes first,
 * and evictions are counted.
 */
@Injectable()
export class NotificationsStore {
  private readonly logger = new Logger(NotificationsStore.name);
  /** In arrival order, oldest first (a Map keeps insertion order). */
  private readonly notifications = new Map<string, Notification>();
  private evicted = 0;

  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: Pick<NotificationsConfig, 'storeMaxItems'>) {
    for (const notification of seedNotifications(Date.now())) this.add(notification);
  }

  add(notification: Notification): void {
    while (this.notifications.size >= this.config.storeMaxItems) {
      const oldest = this.notifications.keys().next().value as string;
      this.notifications.delete(oldest);
      this.evicted += 1;
      if (this.evicted === 1 || this.evicted % 1000 === 0) {
        this.logger.warn(
          `store full (${this.config.storeMaxItems} items): ${this.evicted} notifications evicted so far`,
        );
      }
    }
    this.notifications.set(notification.uuid, notification);
  }

  /** A user's notifications, newest first. */
  forHandle(handle: string): Notification[] {
    const key = handle.toLowerCase();
    return [...this.notifications.values()].filter((n) => n.handle.toLowerCase() === key).reverse();
  }

  stats(): { items: number; maxItems: number; evicted: number } {
    return { items: this.notifications.size, maxItems: this.config.storeMaxItems, evicted: this.evicted };
  }
}
