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

/** One difference between a resource as aws/json wants it and as AWS holds it. */
export interface AwsSetupChange {
  member: string;
  from: unknown;
  to: unknown;
}

/** scripts/aws-setup/changes.mjs: what `npm run aws:setup` counts as "differs", and what it sends. */
export interface AwsSetupChangesScript {
  groupChanges: (wanted: object, actual: object) => AwsSetupChange[];
  groupUpdate: (name: string, changes: AwsSetupChange[]) => object;
  samplingRuleChanges: (wanted: object, actual: object) => AwsSetupChange[];
  samplingRuleUpdate: (name: string, changes: AwsSetupChange[]) => object;
  describeChanges: (changes: AwsSetupChange[]) => string;
}

/** scripts/aws-setup/args.mjs: the flags and environment of `npm run aws:setup`. */
export interface AwsSetupArgsScript {
  DEFAULT_LOG_GROUP: string;
  parseAwsSetupArgs: (
    argv: string[],
    env: Record<string, string | undefined>,
  ) => { help: boolean; endpointUrl?: string; region: string; dummyCredentials: boolean; logGroupName: string };
}
