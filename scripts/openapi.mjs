// `npm run openapi [-- <file>]`: writes the gateway's OpenAPI document to docs/openapi.json (or
// <file>) from the built gateway, building it first if needed. The gateway's document entry creates
// the app without listening; the JSON is then laid out by Prettier with the tree's own options, so
// that `npm run format:check` accepts the committed file and any <file> gets the same bytes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as prettier from 'prettier';
import { buildIfNeeded } from './build-if-needed.mjs';
import { ROOT } from './services.mjs';

export const OPENAPI_FILE = path.join(ROOT, 'docs', 'openapi.json');
const DOCUMENT_ENTRY = path.join(
  ROOT,
  'dist',
  'apps',
  'gateway',
  'apps',
  'gateway',
  'src',
  'openapi',
  'openapi.main.js',
);

const output = path.resolve(process.argv[2] ?? OPENAPI_FILE);
buildIfNeeded();
const scratch = mkdtempSync(path.join(tmpdir(), 'openapi-'));
try {
  const raw = path.join(scratch, 'openapi.json');
  const result = spawnSync(process.execPath, [DOCUMENT_ENTRY, raw], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // The options of docs/openapi.json wherever the output goes: a file outside the tree would find none.
  const options = (await prettier.resolveConfig(OPENAPI_FILE)) ?? {};
  writeFileSync(output, await prettier.format(readFileSync(raw, 'utf8'), { ...options, filepath: OPENAPI_FILE }));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`wrote ${path.relative(process.cwd(), output) || output}`);
