// What `npm start` and the container image's entrypoint add to the environment of the apps they
// start, so that both start the suite with the same defaults (the README's "Demo (docker compose)").

/**
 * The variables to add to `env` (none is overwritten).
 * @param {Record<string, string | undefined>} env the user's environment
 * @param {{ terminal: boolean }} output whether the apps' output ends on a terminal
 * @returns {Record<string, string>}
 */
export function appDefaults(env, { terminal }) {
  const defaults = {};
  // The local demo reports errors to the collector's Rollbar stand-in, which accepts any token.
  // With ROLLBAR_ENDPOINT set (the real Rollbar), a real ROLLBAR_ACCESS_TOKEN must be given.
  if (!env.ROLLBAR_ACCESS_TOKEN && !env.ROLLBAR_ENDPOINT) defaults.ROLLBAR_ACCESS_TOKEN = 'local-demo';
  // The demo answers API clients where their trace is (the gateway's GET /api/traces/:traceId).
  if (!env.GATEWAY_TRACE_LOOKUP) defaults.GATEWAY_TRACE_LOOKUP = '1';
  // Under npm start the apps write into the supervisor's pipes, so they cannot see the terminal: tell them.
  if (!env.LOG_FORMAT && terminal) defaults.LOG_FORMAT = 'pretty';
  // Nest's console logger (the collector's) colours whenever NO_COLOR is unset; off a terminal
  // (a log file, CI, `docker compose logs`), colours are escape codes in the way.
  if (!terminal && env.FORCE_COLOR === undefined && env.NO_COLOR === undefined) defaults.NO_COLOR = '1';
  return defaults;
}
