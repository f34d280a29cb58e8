import path from 'node:path';

const SCRIPTS = path.resolve(__dirname, '..', '..', 'scripts');

/** scripts/services.mjs: the apps of the suite and their built entry points. */
export interface ServicesScript {
  SERVICES: string[];
  entryOf: (app: string) => string;
}

/** scripts/app-env.mjs: what npm start and the image's entrypoint add to the apps' environment. */
export interface AppEnvScript {
  appDefaults: (env: Record<string, string | undefined>, output: { terminal: boolean }) => Record<string, string>;
}

/** A module of scripts/ (plain ESM, without type declarations), with the shape the caller names. */
export async function importScript<T>(file: string): Promise<T> {
  return (await import(path.join(SCRIPTS, file))) as T;
}
