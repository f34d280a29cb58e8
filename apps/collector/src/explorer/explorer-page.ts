import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Response } from 'express';

/**
 * Where `npm run build` puts the page (scripts/build-explorer.mjs): beside the
 * collector's compiled tree, dist/apps/collector/explorer.
 */
export const EXPLORER_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'explorer');

/**
 * Only the collector's own files, no inline script or style, no framing. The page
 * sets styles through the CSSOM (element.style), which a CSP does not restrict.
 */
export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function setExplorerHeaders(response: Response): void {
  response.setHeader('Content-Security-Policy', EXPLORER_CSP);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  // The file names carry no content hash: the browser may keep a copy but must
  // revalidate it (ETag / Last-Modified), so a rebuilt page is seen at once.
  response.setHeader('Cache-Control', 'no-cache');
}

/**
 * Serves the trace explorer page at `/` (index.html, app.js, app.css) with
 * Express's static middleware, for GET and HEAD only: everything else, the
 * protocol endpoints (`POST /` of CloudWatch Logs among them) and the read API,
 * falls through to Nest's routes as before.
 */
export function serveExplorerPage(app: NestExpressApplication, dir: string = EXPLORER_DIR): boolean {
  if (!existsSync(path.join(dir, 'index.html'))) return false;
  app.useStaticAssets(dir, {
    index: 'index.html',
    redirect: false,
    dotfiles: 'ignore',
    setHeaders: (response) => setExplorerHeaders(response as Response),
  });
  return true;
}
