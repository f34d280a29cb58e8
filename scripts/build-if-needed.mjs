// Builds the suite when a build is missing or older than any source or config file.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT, SERVICES, entryOf } from './services.mjs';

function newestMtime(target) {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function buildIfNeeded() {
  const sources = ['apps', 'libs', 'tsconfig.json', 'nest-cli.json', 'package-lock.json']
    .map((item) => newestMtime(path.join(ROOT, item)))
    .reduce((a, b) => Math.max(a, b), 0);
  const oldestBuild = Math.min(...SERVICES.map((service) => newestMtime(entryOf(service))));
  if (oldestBuild >= sources) return;
  console.log('building the suite (nest build --all)...');
  const result = spawnSync('npx', ['nest', 'build', '--all'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('build failed');
    process.exit(result.status ?? 1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfNeeded();
