// The image's HEALTHCHECK: probes the app this container runs (written down by run.mjs) the way its
// callers reach it, on 127.0.0.1 and the ports of the same variables and defaults as the app.
// Exit code 0 when healthy; 1 otherwise, with the reason in one line. Bounded in time, so that a
// hung app reads as unhealthy rather than as a hung check.
import { probe } from './probes.mjs';
import { readRunningApp } from './running-app.mjs';

const DEADLINE_MS = 3000;

let app;
try {
  app = readRunningApp();
  const deadline = new Promise((_resolve, reject) => {
    setTimeout(() => reject(new Error(`no answer within ${DEADLINE_MS / 1000} s`)), DEADLINE_MS).unref();
  });
  await Promise.race([probe(app, process.env, DEADLINE_MS), deadline]);
  console.log(`${app} is healthy`);
  process.exit(0);
} catch (error) {
  console.log(`${app ?? 'container'} is unhealthy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
