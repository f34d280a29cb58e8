// `npm run aws:setup`: the original app's AWS resources (its X-Ray group, its sampling rule of
// aws/json/xray.json and the CloudWatch Logs log group the services log to), created or
// brought back in line through the AWS SDK, idempotently: one line per resource says
// "created", "updated: <what changed>" or "unchanged". Flags and environment: aws-setup/args.mjs.
// Exit code: 0 when every resource is in place, 1 when an API call fails, 2 for bad input.
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { XRayClient } from '@aws-sdk/client-xray';
import { USAGE, UsageError, parseAwsSetupArgs } from './aws-setup/args.mjs';
import { WantedResourceError } from './aws-setup/changes.mjs';
import { failureLine } from './aws-setup/failure.mjs';
import { ensureGroup, ensureLogGroup, ensureSamplingRule } from './aws-setup/resources.mjs';
import { wantedGroup, wantedSamplingRule } from './aws-setup/wanted.mjs';

let options;
let group;
let rule;
try {
  options = parseAwsSetupArgs(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    process.exit(0);
  }
  group = wantedGroup();
  rule = wantedSamplingRule();
} catch (error) {
  if (!(error instanceof UsageError || error instanceof WantedResourceError)) throw error;
  console.error(`aws:setup: ${error.message}${error instanceof UsageError ? ' (see --help)' : ''}`);
  process.exit(2);
}

const { endpointUrl, region, dummyCredentials, logGroupName } = options;
const clientConfig = {
  region,
  ...(endpointUrl ? { endpoint: endpointUrl } : {}),
  ...(dummyCredentials ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  // An endpoint that accepts connections but never answers fails in seconds, not never.
  requestHandler: { connectionTimeout: 5000, requestTimeout: 10_000 },
  maxAttempts: 2,
};
console.log(`aws:setup: region ${region}, endpoint ${endpointUrl ?? 'AWS (the SDK default)'}`);
if (dummyCredentials) {
  console.log(
    'aws:setup: no AWS credentials in the environment: signing with dummy static credentials (the local collector checks no signature)',
  );
}

const xray = new XRayClient(clientConfig);
const logs = new CloudWatchLogsClient(clientConfig);
const steps = [
  ['X-Ray group', () => ensureGroup(xray, group)],
  ['X-Ray sampling rule', () => ensureSamplingRule(xray, rule)],
  ['CloudWatch Logs log group', () => ensureLogGroup(logs, logGroupName)],
];
const counts = { created: 0, updated: 0, unchanged: 0 };
let exitCode = 0;
for (const [step, ensure] of steps) {
  try {
    const { label, outcome, detail } = await ensure();
    console.log(`${label}: ${outcome}${detail ? `: ${detail}` : ''}`);
    counts[outcome]++;
  } catch (error) {
    if (error instanceof WantedResourceError) {
      console.error(`aws:setup: ${error.message}`);
      exitCode = 2;
    } else {
      console.error(`aws:setup: ${failureLine(step, error, endpointUrl)}`);
      exitCode = 1;
    }
    break;
  }
}
xray.destroy();
logs.destroy();
if (exitCode === 0) {
  const changed = counts.created + counts.updated;
  console.log(
    changed === 0
      ? 'aws:setup: nothing changed: every resource was already as aws/json and the configuration say'
      : `aws:setup: done: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`,
  );
}
process.exitCode = exitCode;
