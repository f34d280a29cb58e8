/** Where and how to report to Rollbar. */
export interface RollbarReporterOptions {
  /** A project access token with `post_server_item` scope. */
  accessToken: string;
  /** Rollbar's environment (the original app used `production`). */
  environment: string;
  /**
   * Rollbar's API base or item URL: `https://api.rollbar.com/api/1/item/`, or the local collector's
   * `http://127.0.0.1:4318/api/1/`.
   */
  endpoint: string;
  /** The app's directory on disk (`server.root`): Rollbar shortens and links stack frames with it. */
  codeRoot: string;
  /**
   * Report handler errors that answer 4xx too. They are the client's mistake, not the service's,
   * and would drown the real errors.
   * @default false
   */
  reportClientErrors: boolean;
  /** Trace viewer base URL; items then carry `custom.trace_url` = base + trace id. */
  traceLinkBase?: string;
}

/** Options of `createErrorReporter`. */
export interface ErrorReporterOptions {
  serviceName: string;
  /** Sent as the item's `code_version`. */
  serviceVersion: string;
  /** Absent when no token is configured: reporting is off. */
  rollbar?: RollbarReporterOptions;
}
