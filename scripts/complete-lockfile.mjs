// Some registries serve only this platform's builds of packages that ship
// per-platform binaries as optional dependencies (for example jest's
// unrs-resolver). `npm install` then leaves the other platforms' entries out
// of package-lock.json, and `npm ci` refuses the lock file as out of sync.
// This adds those entries back, marked with the platform each is for, so
// `npm ci` skips them without fetching anything. Run it after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './services.mjs';

const OS = ['android', 'darwin', 'freebsd', 'linux', 'openharmony', 'win32', 'sunos', 'netbsd', 'openbsd', 'aix'];
const CPU = {
  'arm-eabi': 'arm',
  'arm-gnueabihf': 'arm',
  'arm-musleabihf': 'arm',
  arm64: 'arm64',
  x64: 'x64',
  ia32: 'ia32',
  loong64: 'loong64',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
  universal: null,
};

/** Platform fields read off a binding's name, such as `@scope/binding-linux-x64-musl`. */
function platformOf(name) {
  const parts = path.basename(name).split('-');
  const osIndex = parts.findIndex((part) => OS.includes(part));
  if (osIndex < 0) return undefined;
  const rest = parts.slice(osIndex + 1).join('-');
  const cpuKey = Object.keys(CPU)
    .sort((a, b) => b.length - a.length)
    .find((key) => rest === key || rest.startsWith(`${key}-`));
  if (cpuKey === undefined) return undefined;
  const fields = { os: [parts[osIndex]] };
  if (CPU[cpuKey]) fields.cpu = [CPU[cpuKey]];
  if (parts[osIndex] === 'linux') {
    if (/(^|-)musl/.test(rest)) fields.libc = ['musl'];
    else if (/(^|-)gnu/.test(rest)) fields.libc = ['glibc'];
  }
  return fields;
}

const file = path.join(ROOT, 'package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8'));
const added = [];
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform) {
      console.error(`cannot tell the platform of ${name}; add it to package-lock.json by hand`);
      process.exitCode = 1;
      continue;
    }
    lock.packages[`node_modules/${name}`] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
    };
    added.push(name);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  added.length > 0 ? `added ${added.length} platform entries: ${added.join(', ')}` : 'lock file already complete',
);
