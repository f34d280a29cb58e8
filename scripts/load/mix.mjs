// The request mix: what people do with the original app, in proportions a demo can show.
// Mostly reading (the feed, user pages, notifications, search), some writing (posts that
// mention someone, so notifications fan out over TCP; replies, which wait for the
// notification's acknowledgement), and a few requests that are expected to fail (404, 422),
// so the traces of handled errors show up next to the others. Every choice comes from one
// generator seeded by --seed: the same seed, the same sequence of requests.
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { KnownActivities } from './known-activities.mjs';

/** The gateway's routes, as the summary names them (README, "Endpoints"), in the summary's order. */
export const ENDPOINT = {
  home: 'GET /api/activities/home',
  user: 'GET /api/activities/@:handle',
  search: 'GET /api/activities/search',
  notifications: 'GET /api/activities/notifications',
  activity: 'GET /api/activities/:uuid',
  create: 'POST /api/activities',
  reply: 'POST /api/activities/:uuid/reply',
};

/** How often each kind of request comes, out of their sum (100): the feed most of all, as in any timeline app. */
export const WEIGHTS = {
  feed: 40,
  userPage: 12,
  notifications: 10,
  search: 8,
  activity: 8,
  post: 8,
  reply: 6,
  // Expected errors, 8 in 100: an unknown handle or activity (404), a blank message or an unknown ttl (422).
  unknownUser: 2,
  unknownActivity: 2,
  blankMessage: 2,
  unknownTtl: 2,
};

const USERS = ['andrewbrown', 'worf', 'garek', 'coco'];
const TERMS = ['cloud', 'honor', 'tailor', 'prune', 'unicorn', 'good day', 'trace'];
const POSTS = ['Today is a good day', 'Cloud is very fun', 'Who drank my prune juice', 'One request, one trace'];
const REPLIES = ['This post has no honor!', 'I am white unicorn', 'Agreed.', 'My dear doctor, indeed'];

const json = (value) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

/**
 * A mix seeded by `seed`: `next()` gives the next request (`{ kind, endpoint, method, path,
 * headers, body }`), `observe()` learns from its answer which activities exist.
 */
export function createMix(seed) {
  const rng = xoroshiro128plus(seed);
  const pick = (list) => list[uniformInt(rng, 0, list.length - 1)];
  const known = new KnownActivities();
  // A well-formed v4 UUID that no activity has: ids are random v4s too, so a collision is out of the question.
  const unknownUuid = () => {
    const hex = Array.from({ length: 8 }, () => uniformInt(rng, 0, 0xffff).toString(16).padStart(4, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  };
  const knownUuid = () => known.at(uniformInt(rng, 0, 0x7fffffff)) ?? unknownUuid();
  // A post mentions someone else, whose notification the activities service then sends over TCP.
  const post = (ttl, message = (author) => `${pick(POSTS)}, @${pick(USERS.filter((user) => user !== author))}`) => {
    const handle = pick(USERS);
    return {
      endpoint: ENDPOINT.create,
      method: 'POST',
      path: '/api/activities',
      ...json({ handle, message: message(handle), ttl }),
    };
  };

  const KINDS = {
    feed: () => ({ endpoint: ENDPOINT.home, path: '/api/activities/home' }),
    userPage: () => ({ endpoint: ENDPOINT.user, path: `/api/activities/@${pick(USERS)}` }),
    unknownUser: () => ({ endpoint: ENDPOINT.user, path: '/api/activities/@nobody' }),
    search: () => ({
      endpoint: ENDPOINT.search,
      path: `/api/activities/search?term=${encodeURIComponent(pick(TERMS))}`,
    }),
    notifications: () => ({
      endpoint: ENDPOINT.notifications,
      path: `/api/activities/notifications?handle=${pick(USERS)}`,
    }),
    activity: () => {
      const uuid = knownUuid();
      return { endpoint: ENDPOINT.activity, path: `/api/activities/${uuid}`, uuid };
    },
    unknownActivity: () => ({ endpoint: ENDPOINT.activity, path: `/api/activities/${unknownUuid()}` }),
    post: () => post('1-hour'),
    blankMessage: () => post('1-hour', () => ''),
    unknownTtl: () => post('forever'),
    reply: () => {
      const uuid = knownUuid();
      return {
        endpoint: ENDPOINT.reply,
        method: 'POST',
        path: `/api/activities/${uuid}/reply`,
        uuid,
        ...json({ handle: pick(USERS), message: pick(REPLIES) }),
      };
    },
  };
  const kinds = Object.keys(WEIGHTS);
  const total = kinds.reduce((sum, kind) => sum + WEIGHTS[kind], 0);

  return {
    next() {
      let roll = uniformInt(rng, 0, total - 1);
      const kind = kinds.find((name) => (roll -= WEIGHTS[name]) < 0);
      return { kind, method: 'GET', headers: {}, body: undefined, ...KINDS[kind]() };
    },
    observe(request, status, body) {
      if (status >= 200 && status < 300 && ['feed', 'userPage', 'post'].includes(request.kind)) known.learn(body);
      // Gone (expired, or evicted from the store): stop asking for it.
      if (status === 404 && request.uuid) known.forget(request.uuid);
    },
  };
}
