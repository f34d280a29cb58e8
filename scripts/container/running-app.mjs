// Which app of the suite this container runs: written by the entrypoint (run.mjs), read by the
// HEALTHCHECK (health.mjs), which is one static command for all four apps of the image.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, SERVICES } from '../services.mjs';

/** In the WORKDIR's `run/`, the one folder of the image the non-root user may write (see the Dockerfile). */
export const RUNNING_APP_FILE = path.join(ROOT, 'run', 'app.json');

/** Notes that `app` runs here; throws when the file cannot be written (no HEALTHCHECK could pass). */
export function writeRunningApp(app) {
  writeFileSync(RUNNING_APP_FILE, `${JSON.stringify({ app })}\n`);
}

/** The app the entrypoint started; throws with the reason in one line when there is none. */
export function readRunningApp() {
  const where = path.relative(ROOT, RUNNING_APP_FILE);
  let text;
  try {
    text = readFileSync(RUNNING_APP_FILE, 'utf8');
  } catch {
    throw new Error(`no app started here yet (${where} is missing)`);
  }
  let app;
  try {
    app = JSON.parse(text).app;
  } catch {
    // Written at start in one call; unreadable means something else wrote it.
  }
  if (!SERVICES.includes(app)) throw new Error(`${where} names no app of the suite`);
  return app;
}
