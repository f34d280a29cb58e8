// `npm start`: builds if needed, then runs the suite's apps (all, or those named as
// arguments) under a supervisor that behaves like `docker compose up`: see
// supervisor/supervisor.mjs. Exit code: 0 after Ctrl-C/SIGTERM when every app stopped
// cleanly; 1 when start-up failed, an app had to be killed, or every app exited by
// itself; 2 for an unknown app name.
import { appDefaults } from './app-env.mjs';
import { buildIfNeeded } from './build-if-needed.mjs';
import { SERVICES, entryOf } from './services.mjs';
import { bannerLines } from './supervisor/banner.mjs';
import { readPositiveInt } from './supervisor/env.mjs';
import { createOutput } from './supervisor/output.mjs';
import { StartupFailure, Supervisor } from './supervisor/supervisor.mjs';

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !SERVICES.includes(name));
if (unknown.length > 0) {
  console.error(`unknown service(s): ${unknown.join(', ')}; known: ${SERVICES.join(', ')}`);
  process.exit(2);
}
const names = requested.length > 0 ? SERVICES.filter((name) => requested.includes(name)) : SERVICES;

buildIfNeeded();

const env = { ...process.env, ...appDefaults(process.env, { terminal: process.stdout.isTTY === true }) };

const output = createOutput({ env });
const supervisor = new Supervisor({
  names,
  env,
  entryOf,
  output,
  startTimeoutMs: readPositiveInt(env, 'START_TIMEOUT_MS', 60_000),
  // Longer than the apps' own SHUTDOWN_TIMEOUT_MS, so that their timeout acts first.
  stopTimeoutMs: readPositiveInt(
    env,
    'START_STOP_TIMEOUT_MS',
    2000 + readPositiveInt(env, 'SHUTDOWN_TIMEOUT_MS', 8000),
  ),
});

let stopping;
let firstSignalAt;
let onStopping;
const stopRequested = new Promise((resolve) => (onStopping = resolve));
function onSignal(signal) {
  if (stopping === undefined) {
    firstSignalAt = Date.now();
    output.info(`${signal}: stopping ${supervisor.running.join(', ') || 'nothing left to stop'}`);
    stopping = supervisor.stop();
    onStopping();
  } else if (Date.now() - firstSignalAt > 1000) {
    // npm forwards the terminal's SIGINT to this process, which gets it from the terminal too:
    // one Ctrl-C can arrive twice at once. Only a later one means "do not wait".
    output.info(`${signal} again: killing ${supervisor.running.join(', ')}`);
    supervisor.kill();
  }
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// The apps run in process groups of their own: if the supervisor ends by an error of its own,
// they must not be left behind.
process.on('exit', () => supervisor.kill());

try {
  if (await supervisor.start()) {
    await supervisor.settled(1000);
    output.block(bannerLines(names, env));
  }
} catch (error) {
  if (!(error instanceof StartupFailure)) throw error;
  output.error(`${error.message} (stopping everything)`);
  await supervisor.stop();
  process.exit(1);
}

await Promise.race([supervisor.watch(), stopRequested]);
if (stopping) {
  const clean = await stopping;
  output.info(clean ? 'stopped' : 'stopped, not cleanly (see above)');
  process.exit(clean ? 0 : 1);
}
output.error('no app of this run is left running: exiting');
process.exit(1);
