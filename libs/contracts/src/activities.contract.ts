import type { Activity, Reply, User } from './activity.model';
import type { Ttl } from './ttl';

/**
 * The activities service: owns activities, replies and the user directory.
 * HTTP API (called by the gateway and by notifications) and TCP handlers
 * (called by notifications). The routes its controller declares; callers use ActivitiesHttp.
 */
export const ActivitiesRoute = {
  health: '/health',
  home: '/activities/home',
  search: '/activities/search',
  /** `GET` with repeated `uuid` query parameters: the activities among them that are still listed. */
  batch: '/activities',
  create: '/activities',
  byUuid: '/activities/:uuid',
  replies: '/activities/:uuid/replies',
  byUser: '/users/:handle/activities',
} as const;

/** A route template with its `:name` parameters filled in, each percent-encoded. */
function fill(route: string, params: Record<string, string>): string {
  return route.replace(/:(\w+)/g, (_match, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** The paths callers use: the templates of ActivitiesRoute, filled in. */
export const ActivitiesHttp = {
  health: ActivitiesRoute.health,
  home: ActivitiesRoute.home,
  search: ActivitiesRoute.search,
  batch: ActivitiesRoute.batch,
  create: ActivitiesRoute.create,
  byUuid: (uuid: string) => fill(ActivitiesRoute.byUuid, { uuid }),
  replies: (uuid: string) => fill(ActivitiesRoute.replies, { uuid }),
  byUser: (handle: string) => fill(ActivitiesRoute.byUser, { handle }),
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
