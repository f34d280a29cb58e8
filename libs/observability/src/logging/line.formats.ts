import { format } from 'winston';

/** Where winston transports read the finished line (triple-beam's MESSAGE). */
const MESSAGE = Symbol.for('message');

// The fields every line starts with, in reading order; other fields follow as given.
const LEADING = ['timestamp', 'level', 'service', 'context', 'message', 'trace_id', 'span_id', 'xray_trace_id'];

/** Enumerable fields of a line, leading ones first, undefined ones left out. */
function orderedFields(info: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of LEADING) if (info[key] !== undefined) out[key] = info[key];
  for (const [key, value] of Object.entries(info)) if (!(key in out) && value !== undefined) out[key] = value;
  return out;
}

/** One JSON object per line (values are plain data once redacted, so JSON.stringify cannot throw). */
export const jsonLineFormat = format((info) => {
  info[MESSAGE] = JSON.stringify(orderedFields(info));
  return info;
});

const DIM = (text: string) => `\x1b[2m${text}\x1b[22m`;
const YELLOW = (text: string) => `\x1b[33m${text}\x1b[39m`;

// The level as a fixed-width label; winston's colorizer picks the colour from
// the original level name (info[LEVEL]), so it still colours the new text.
const levelLabel = format((info) => {
  info.level = info.level.toUpperCase().padEnd(7);
  return info;
});

/**
 * A readable line for a terminal with the same information as the JSON one:
 * `time LEVEL [service] [context] message {fields} trace_id=… span_id=…`,
 * the level coloured by severity when `colors` is on.
 */
export function prettyLineFormat(colors: boolean) {
  const paint = colors ? { dim: DIM, yellow: YELLOW } : { dim: (t: string) => t, yellow: (t: string) => t };
  const line = format((info) => {
    // version and environment are the same on every line of a process: left out of the terminal view.
    const {
      timestamp,
      level,
      service,
      context,
      message,
      trace_id,
      span_id,
      xray_trace_id,
      stack,
      version: _v,
      environment: _e,
      ...rest
    } = orderedFields(info);
    const fields = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    const ids = trace_id
      ? paint.dim(` trace_id=${String(trace_id)} span_id=${String(span_id)} xray_trace_id=${String(xray_trace_id)}`)
      : '';
    const where = `[${String(service)}]${context ? ' ' + paint.yellow(`[${String(context)}]`) : ''}`;
    const trace = typeof stack === 'string' ? `\n${stack}` : '';
    info[MESSAGE] =
      `${paint.dim(String(timestamp))} ${String(level)} ${where} ${String(message)}${fields}${ids}${trace}`;
    return info;
  });
  return colors ? format.combine(levelLabel(), format.colorize(), line()) : format.combine(levelLabel(), line());
}
