// The apps of the suite and where their builds live; shared by the start script and the tests.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Start order: dependencies before the services that call them. */
export const SERVICES = ['collector', 'activities', 'notifications', 'gateway'];

/**
 * Node flags every app runs with, under npm start, the benchmark and the image (the Dockerfile's
 * ENTRYPOINT names the same; test/dockerfile.spec.ts holds them together). V8 sizes the young
 * generation after the machine's memory: here its semi-spaces grew to tens of MiB each and were
 * most of an app's resident memory (live heap ~50 MiB, RSS 190-276 MiB after a minute of load).
 * At 4 MiB an app starts at ~135 MiB and stayed at 149-170 MiB after 2 minutes of `npm run load`
 * at 50/s; the throughput cost of the more frequent scavenges was within the benchmark's noise
 * (2 MiB saved little more, and its p99 looked worse). BENCHMARKS.md has the figures.
 */
export const APP_NODE_FLAGS = ['--max-semi-space-size=4'];

export function entryOf(service) {
  return path.join(ROOT, 'dist', 'apps', service, 'apps', service, 'src', 'main.js');
}
