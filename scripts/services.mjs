// The apps of the suite and where their builds live; shared by the start script and the tests.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Start order: dependencies before the services that call them. */
export const SERVICES = ['collector', 'activities', 'notifications', 'gateway'];

export function entryOf(service) {
  return path.join(ROOT, 'dist', 'apps', service, 'apps', service, 'src', 'main.js');
}
