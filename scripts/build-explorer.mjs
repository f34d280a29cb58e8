// Builds the collector's trace explorer page (apps/collector/explorer) into
// dist/apps/collector/explorer: index.html, app.js and app.css. Runs after
// `nest build --all`, whose deleteOutDir would otherwise wipe what it writes.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './services.mjs';

export const EXPLORER_SOURCE = path.join(ROOT, 'apps', 'collector', 'explorer');
export const EXPLORER_OUT = path.join(ROOT, 'dist', 'apps', 'collector', 'explorer');

export async function buildExplorer() {
  mkdirSync(EXPLORER_OUT, { recursive: true });
  await build({
    entryPoints: { app: path.join(EXPLORER_SOURCE, 'src', 'main.tsx') },
    outdir: EXPLORER_OUT,
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'esm',
    target: ['es2022'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: path.join(EXPLORER_SOURCE, 'tsconfig.json'),
    logLevel: 'warning',
    legalComments: 'linked',
  });
  copyFileSync(path.join(EXPLORER_SOURCE, 'index.html'), path.join(EXPLORER_OUT, 'index.html'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildExplorer().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
