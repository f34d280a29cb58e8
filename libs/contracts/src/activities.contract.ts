import type { Activity, Reply, User } from './activity.model';
import type { Ttl } from './ttl';

/**
 * The activities service: owns activities, replies and the user directory.
 * HTTP API (called by the gateway and by notifications) and TCP handlers
 * (called by notifications).
 */
export const ActivitiesHttp = {
  health: '/health',
  home: '/activities/home',
  search: '/activities/search',
  /** `GET` with repeated `uuid` query parameters: the activities among them that are still listed. */
  batch: '/activities',
  create: '/activities',
  byUuid: (uuid: string) => `/activities/${encodeURIComponent(uuid)}`,
  replies: (uuid: string) => `/activities/${encodeURIComponent(uuid)}/replies`,
  byUser: (handle: string) => `/users/${encodeURIComponent(handle)}/activities`,
} as const;

/** TCP message patterns served by the activities service. */
export const ActivitiesPattern = {
  /** request/response: {@link ResolveUsersRequest} → {@link ResolveUsersResponse} */
  ResolveUsers: 'activities.users.resolve',
  /** request/response: `{}` → {@link HealthResponse} */
  Health: 'activities.health',
} as const;

export interface CreateActivityRequest {
  handle: string;
  message: string;
  ttl: Ttl;
}

export interface CreateReplyRequest {
  handle: string;
  message: string;
}

export interface ResolveUsersRequest {
  handles: string[];
}

/** The users among the requested handles that exist; unknown handles are left out. */
export interface ResolveUsersResponse {
  users: User[];
}

export interface HealthResponse {
  status: 'ok';
  service: string;
}

export type { Activity, Reply, User };
