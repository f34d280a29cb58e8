import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..', '..');
const ERRORS_INDEX = path.resolve(__dirname, '..', 'index.ts');

/** How a child process ended. */
export interface ChildOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `body` in a fresh Node process (the one running the tests) where `errors` is this folder's
 * index, loaded from the TypeScript sources through a transpile-on-require hook (and `@app/*` mapped
 * to the suite's libraries): the library as a service would load it, without a build step.
 */
export function runChild(body: string, timeoutMs = 20_000): Promise<ChildOutcome> {
  const script = `
    const ts = require('typescript');
    const fs = require('node:fs');
    const Module = require('node:module');
    // The suite's own libraries, as tsconfig's paths map them (@app/common is libs/common/src).
    const resolveFilename = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      const library = /^@app[/]([a-z]+)$/.exec(request);
      const target = library ? require('node:path').join(${JSON.stringify(ROOT)}, 'libs', library[1], 'src') : request;
      return resolveFilename.call(this, target, ...rest);
    };
    require.extensions['.ts'] = (module, filename) => {
      const source = fs.readFileSync(filename, 'utf8');
      const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
      module._compile(ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText, filename);
    };
    const errors = require(${JSON.stringify(ERRORS_INDEX)});
    ${body}
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not exit within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
