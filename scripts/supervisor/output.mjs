// The supervisor's terminal: every app's lines prefixed with its name (`[gateway] …`),
// the supervisor's own lines as `[supervisor] …`. node:util's styleText decides colours
// per stream (a TTY, NO_COLOR, FORCE_COLOR), so a log file or a pipe gets plain text.
import { styleText } from 'node:util';
import { isStartupNoise, showsStartupNoise } from './startup-noise.mjs';

const APP_COLORS = { collector: 'magenta', activities: 'green', notifications: 'yellow', gateway: 'cyan' };

/** The output of one supervisor run. */
export function createOutput({ env, stdout = process.stdout, stderr = process.stderr }) {
  const paint = (format, text, stream) => styleText(format, text, { stream });
  const showNoise = showsStartupNoise(env);
  const write = (stream, text) => stream.write(`${text}\n`);
  return {
    /** One line an app wrote, on the stream it used; Nest's start-up lines only at debug level. */
    app(name, line, stream) {
      if (!showNoise && isStartupNoise(line)) return;
      const target = stream === 'stderr' ? stderr : stdout;
      write(target, `${paint(APP_COLORS[name] ?? 'blue', `[${name}]`, target)} ${line}`);
    },
    /** A line of the supervisor's own. */
    info(text) {
      write(stdout, `${paint('bold', '[supervisor]', stdout)} ${text}`);
    },
    /** A failure: on stderr, in red on a terminal. */
    error(text) {
      write(stderr, `${paint('bold', '[supervisor]', stderr)} ${paint('red', text, stderr)}`);
    },
    /** A block of lines without prefix (the banner); `[format, text]` pairs are styled. */
    block(lines) {
      for (const line of lines) write(stdout, Array.isArray(line) ? paint(line[0], line[1], stdout) : line);
    },
  };
}
