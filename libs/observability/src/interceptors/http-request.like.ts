/** The parts of an Express request the interceptors read (typed loosely: Nest may run on another adapter). */
export interface HttpRequestLike {
  method?: string;
  route?: { path?: string };
  originalUrl?: string;
  url?: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: unknown;
  ip?: string;
}
