// `npm start`: builds if needed, then runs the suite's apps (all, or those named
// as arguments) with prefixed output, until Ctrl-C or SIGTERM stops them all.
import concurrently from 'concurrently';
import { buildIfNeeded } from './build-if-needed.mjs';
import { SERVICES, entryOf } from './services.mjs';

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !SERVICES.includes(name));
if (unknown.length > 0) {
  console.error(`unknown service(s): ${unknown.join(', ')}; known: ${SERVICES.join(', ')}`);
  process.exit(2);
}
const services = requested.length > 0 ? SERVICES.filter((name) => requested.includes(name)) : SERVICES;

buildIfNeeded();

// The local demo reports errors to the collector's Rollbar stand-in, which accepts any token.
// With ROLLBAR_ENDPOINT set (the real Rollbar), a real ROLLBAR_ACCESS_TOKEN must be given.
if (!process.env.ROLLBAR_ACCESS_TOKEN && !process.env.ROLLBAR_ENDPOINT) process.env.ROLLBAR_ACCESS_TOKEN = 'local-demo';
// The apps write through concurrently's pipes, so they cannot see the terminal: tell them.
if (!process.env.LOG_FORMAT && process.stdout.isTTY) process.env.LOG_FORMAT = 'pretty';

// Backslash-escaped rather than quoted: concurrently strips quotes around a whole command.
const shellWord = (word) => word.replace(/([^\w@%+=:,./-])/g, '\\$1');

const { result } = concurrently(
  services.map((name) => ({ name, command: `${shellWord(process.execPath)} ${shellWord(entryOf(name))}` })),
  {
    prefix: 'name',
    // One app dying takes the others down, so a half-started suite never looks healthy.
    killOthersOn: ['failure'],
    killSignal: 'SIGTERM',
    handleInput: false,
  },
);

result.then(
  () => process.exit(0),
  (events) => {
    const failed = events.filter((event) => event.exitCode !== 0 && event.exitCode !== 'SIGTERM' && event.exitCode !== 'SIGINT');
    if (failed.length > 0) console.error(`stopped: ${failed.map((e) => `${e.command.name} exited ${e.exitCode}`).join(', ')}`);
    process.exit(failed.length > 0 ? 1 : 0);
  },
);
