// Builds the suite when a build is missing or older than any source or config file
// (the collector's explorer page, apps/collector/explorer, included).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { EXPLORER_OUT } from './build-explorer.mjs';
import { ROOT, SERVICES, entryOf } from './services.mjs';

// What the build does not read: docs, specs and test fixtures (left out of dist) change without a rebuild.
const notBuilt = (entry) =>
  ['node_modules', 'dist', 'testing'].includes(entry) || entry.endsWith('.md') || entry.endsWith('.spec.ts');

function newestMtime(target) {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    if (notBuilt(entry)) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function buildIfNeeded() {
  const sources = ['apps', 'libs', 'tsconfig.json', 'nest-cli.json', 'package-lock.json']
    .map((item) => newestMtime(path.join(ROOT, item)))
    .reduce((a, b) => Math.max(a, b), 0);
  const builds = [...SERVICES.map((service) => entryOf(service)), path.join(EXPLORER_OUT, 'app.js')];
  const oldestBuild = Math.min(...builds.map((file) => newestMtime(file)));
  if (oldestBuild >= sources) return;
  console.log('building the suite (npm run build: nest build --all, then the explorer page)...');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('build failed');
    process.exit(result.status ?? 1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfNeeded();
