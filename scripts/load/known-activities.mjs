// The activities the mix can open and reply to: the seeded ones at first, then those seen in
// the feed, user pages and new posts. Bounded, and forgetful: an activity that answers 404
// (expired after its ttl, or evicted from the store) is dropped, so replies keep finding real ones.

/** The seed's activities (apps/activities/src/seed.data.ts, SEED_IDS), stable across restarts. */
const SEEDED = [
  '68f126b0-1ceb-4a33-88be-d90fa7109eee', // andrewbrown: Cloud is very fun!
  '66e12864-8c26-4c3a-9658-95a10f8fea67', // worf: I am out of prune juice
  '248959df-3079-4947-b847-9d0892d1bab4', // garek: My dear doctor, I am just simple tailor
];

export class KnownActivities {
  /** Insertion order is recency: a uuid seen again moves to the end, the oldest goes first. */
  #uuids = new Set(SEEDED);

  constructor(limit = 50) {
    this.limit = limit;
  }

  get size() {
    return this.#uuids.size;
  }

  /** One of them, by `index` (any whole number: it wraps), or undefined when none is known. */
  at(index) {
    if (this.#uuids.size === 0) return undefined;
    return [...this.#uuids][index % this.#uuids.size];
  }

  /** Remembers the activities of a response body: one activity or a list of them (their replies are not activities). */
  learn(body) {
    let parsed;
    try {
      parsed = JSON.parse(body);
    } catch {
      return;
    }
    // A feed is newest first and can be long: its newest ones, added oldest first so the newest end up most recent.
    const activities = Array.isArray(parsed) ? parsed.slice(0, this.limit).reverse() : [parsed];
    for (const activity of activities) {
      if (typeof activity?.uuid !== 'string') continue;
      this.#uuids.delete(activity.uuid);
      this.#uuids.add(activity.uuid);
    }
    for (const uuid of this.#uuids) {
      if (this.#uuids.size <= this.limit) break;
      this.#uuids.delete(uuid);
    }
  }

  forget(uuid) {
    this.#uuids.delete(uuid);
  }
}
