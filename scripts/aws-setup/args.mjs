// The command line and environment of `npm run aws:setup`: where the AWS APIs are, with
// which region and credentials, and which log group the services write to.
import { parseArgs } from 'node:util';
import { readHttpUrl } from '../supervisor/env.mjs';

/** A flag the script cannot use; the message names it. */
export class UsageError extends Error {
  name = 'UsageError';
}

export const USAGE = `Usage: npm run aws:setup [-- --endpoint-url <url>]   (or: node scripts/aws-setup.mjs [options])

Creates, or brings back in line, the AWS resources of the original app, as its
\`aws xray create-group\` and \`aws xray create-sampling-rule\` did by hand:
  - the X-Ray group of aws/json/group.json (Cruddur),
  - the X-Ray sampling rule of aws/json/xray.json (Cruddur: 5 a second, then 10 %),
  - the CloudWatch Logs log group the services log to ($CLOUDWATCH_LOG_GROUP, default cruddur).
It reads what exists first: what is missing is created, what differs is updated
(and the output says what changed), and a second run changes nothing.

  --endpoint-url <url>   one endpoint for both APIs, as the aws CLI's flag (e.g. the
                         local collector, http://127.0.0.1:4318); without it, AWS itself
  --help                 this text

Region: $AWS_REGION (or $AWS_DEFAULT_REGION), default us-east-1. Credentials: the AWS SDK's
usual chain; with --endpoint-url and no credentials in the environment, dummy static ones
(the local collector checks no signature).

Exit code: 0 once every resource is in place, 1 when an API call fails (the endpoint is
unreachable, AWS refuses), 2 for a bad flag or a bad file under aws/json.`;

/** The default of CLOUDWATCH_LOG_GROUP in libs/observability's reporting options (a spec checks they agree). */
export const DEFAULT_LOG_GROUP = 'cruddur';

/**
 * What the script runs with.
 * @returns {{ help: boolean, endpointUrl?: string, region: string, dummyCredentials: boolean, logGroupName: string }}
 */
export function parseAwsSetupArgs(argv, env) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { 'endpoint-url': { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error.message.split('\n')[0]);
  }
  let endpointUrl;
  if (values['endpoint-url'] !== undefined) {
    endpointUrl = readHttpUrl({ url: values['endpoint-url'] }, 'url');
    if (endpointUrl === undefined) {
      throw new UsageError(`--endpoint-url: expected an http(s) URL, got "${values['endpoint-url']}"`);
    }
  }
  // The same variables as libs/observability's reporting options, so that "credentials in the environment" means the same.
  const hasCredentials = Boolean(
    env.AWS_ACCESS_KEY_ID?.trim() || env.AWS_PROFILE?.trim() || env.AWS_WEB_IDENTITY_TOKEN_FILE?.trim(),
  );
  return {
    help: values.help === true,
    endpointUrl,
    region: env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || 'us-east-1',
    dummyCredentials: endpointUrl !== undefined && !hasCredentials,
    logGroupName: env.CLOUDWATCH_LOG_GROUP?.trim() || DEFAULT_LOG_GROUP,
  };
}
