import { HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import type { Activity, Reply } from '@app/contracts';
import { ACTIVITIES_CONFIG } from './activities.constants';
import type { ActivitiesConfig } from './activities.config';
import { seedActivities } from './seed.data';

/**
 * In-memory activities, seeded with the original app's mock data.
 * Bounded: activities and replies together count towards `storeMaxItems`;
 * when a new item would pass it, expired activities are dropped first, then
 * the oldest activities (with their replies), and each eviction is counted.
 */
@Injectable()
export class ActivitiesStore {
  private readonly logger = new Logger(ActivitiesStore.name);
  /** Kept sorted by `created_at`, oldest first. */
  private readonly activities: Activity[];
  private itemCount: number;
  private evicted = 0;

  constructor(@Inject(ACTIVITIES_CONFIG) private readonly config: Pick<ActivitiesConfig, 'storeMaxItems'>) {
    this.activities = seedActivities(Date.now()).sort(byCreatedAt);
    this.itemCount = this.activities.reduce((sum, activity) => sum + 1 + activity.replies.length, 0);
  }

  /** Listed (not expired) activities, newest first. */
  list(filter: (activity: Activity) => boolean = () => true): Activity[] {
    const now = Date.now();
    const result: Activity[] = [];
    for (let i = this.activities.length - 1; i >= 0; i--) {
      const activity = this.activities[i];
      if (isListed(activity, now) && filter(activity)) result.push(activity);
    }
    return result;
  }

  /** A listed activity by uuid. */
  get(uuid: string): Activity | undefined {
    const activity = this.activities.find((candidate) => candidate.uuid === uuid);
    return activity && isListed(activity, Date.now()) ? activity : undefined;
  }

  add(activity: Activity): void {
    this.makeRoom(1 + activity.replies.length);
    let index = this.activities.length;
    while (index > 0 && byCreatedAt(this.activities[index - 1], activity) > 0) index--;
    this.activities.splice(index, 0, activity);
    this.itemCount += 1 + activity.replies.length;
  }

  addReply(activity: Activity, reply: Reply): void {
    this.makeRoom(1, activity);
    activity.replies.push(reply);
    activity.replies_count = activity.replies.length;
    this.itemCount += 1;
  }

  /** Takes back a reply whose creation could not be completed. */
  removeReply(activity: Activity, replyUuid: string): void {
    const index = activity.replies.findIndex((reply) => reply.uuid === replyUuid);
    if (index < 0) return;
    activity.replies.splice(index, 1);
    activity.replies_count = activity.replies.length;
    this.itemCount -= 1;
  }

  stats(): { items: number; maxItems: number; evicted: number } {
    return { items: this.itemCount, maxItems: this.config.storeMaxItems, evicted: this.evicted };
  }

  private makeRoom(needed: number, keep?: Activity): void {
    const max = this.config.storeMaxItems;
    if (this.itemCount + needed <= max) return;
    const now = Date.now();
    const victims = [
      ...this.activities.filter((activity) => !isListed(activity, now) && activity !== keep),
      ...this.activities.filter((activity) => isListed(activity, now) && activity !== keep),
    ];
    let evictedNow = 0;
    for (const victim of victims) {
      if (this.itemCount + needed <= max) break;
      this.activities.splice(this.activities.indexOf(victim), 1);
      this.itemCount -= 1 + victim.replies.length;
      evictedNow += 1;
    }
    this.evicted += evictedNow;
    if (evictedNow > 0) {
      this.logger.warn(`store full (${max} items): evicted ${evictedNow} activities, ${this.evicted} in all`);
    }
    if (this.itemCount + needed > max) {
      // Only the activity being replied to is left, and it alone fills the store.
      throw new HttpException(
        { statusCode: 507, error: 'Insufficient Storage', message: `activity store is full (${max} items)` },
        507,
      );
    }
  }
}

function byCreatedAt(a: Activity, b: Activity): number {
  return Date.parse(a.created_at) - Date.parse(b.created_at);
}

function isListed(activity: Activity, now: number): boolean {
  return Date.parse(activity.expires_at) > now;
}
