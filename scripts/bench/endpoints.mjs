// The requests the benchmark measures: the feed (gateway →HTTP→ activities), the notifications
// (gateway →TCP→ notifications →HTTP→ activities) and a post (gateway →HTTP→ activities →TCP
// event→ notifications →TCP→ activities), the three call paths of the README's endpoint table.
import { ENDPOINT } from '../load/mix.mjs';

export const ENDPOINTS = {
  home: { label: ENDPOINT.home, method: 'GET', path: '/api/activities/home' },
  notifications: { label: ENDPOINT.notifications, method: 'GET', path: '/api/activities/notifications' },
  // As the load generator's posts: a known author mentioning another user (so a notification fans
  // out), and the shortest ttl. The mention is not andrewbrown, whose notifications the second
  // endpoint lists: that list stays the same size however many posts are made.
  create: {
    label: ENDPOINT.create,
    method: 'POST',
    path: '/api/activities',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ handle: 'worf', message: 'Today is a good day, @garek', ttl: '1-hour' }),
  },
};

export const ENDPOINT_NAMES = Object.keys(ENDPOINTS);
