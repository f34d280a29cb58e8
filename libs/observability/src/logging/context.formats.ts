import { format } from 'winston';
import { redact } from './redact';
import { activeTraceFields } from './trace-fields';

/**
 * Adds `service` and the active span's trace fields. Fields already on the
 * line win: the access log passes the ids of the span captured when the
 * request started, which is no longer current when the response finishes.
 */
export const traceContextFormat = format((info, options: unknown) => {
  info.service ??= (options as { service?: string } | undefined)?.service;
  if (info.trace_id === undefined) Object.assign(info, activeTraceFields());
  return info;
});

/**
 * Redacts every field (see `redact`) and turns values into plain JSON data,
 * so every transport gets the same safe, serialisable line. nest-winston
 * passes `stack: [trace]`, often `[undefined]`: kept as a string when known.
 */
export const redactFormat = format((info) => {
  for (const key of Object.keys(info)) {
    if (key === 'level') continue;
    info[key] = redact(info[key]);
  }
  if (Array.isArray(info.stack)) {
    const frames = info.stack.filter((frame: unknown) => typeof frame === 'string' && frame !== '');
    if (frames.length === 0) delete info.stack;
    else info.stack = frames.join('\n');
  }
  return info;
});
