// The image's entrypoint (see the Dockerfile): `docker run <image> activities` runs activities; the
// image's CMD names the gateway. The app runs in this process, with the defaults npm start gives it
// (app-env.mjs), once the HEALTHCHECK can tell which app to probe (running-app.mjs).
import { pathToFileURL } from 'node:url';
import { appDefaults } from '../app-env.mjs';
import { SERVICES, entryOf } from '../services.mjs';
import { writeRunningApp } from './running-app.mjs';

const args = process.argv.slice(2);
if (args.length !== 1 || !SERVICES.includes(args[0])) {
  console.error(
    `usage: docker run <image> <app>, the app one of ${SERVICES.join(', ')} (got: ${args.join(' ') || 'none'})`,
  );
  process.exit(2);
}
const [app] = args;

Object.assign(process.env, appDefaults(process.env, { terminal: process.stdout.isTTY === true }));
writeRunningApp(app);
// Not a child process: one Node per container, and `docker stop`'s SIGTERM reaches the app's own
// handler (finish in-flight work, flush the telemetry) without a forwarder in between.
await import(pathToFileURL(entryOf(app)).href);
