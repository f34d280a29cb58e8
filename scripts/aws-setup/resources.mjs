// One function per resource: read what exists, then create what is missing or update what
// differs. Each returns its outcome: { label, outcome: 'created' | 'updated' | 'unchanged', detail? }.
import { CreateLogGroupCommand, paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateGroupCommand,
  CreateSamplingRuleCommand,
  UpdateGroupCommand,
  UpdateSamplingRuleCommand,
  paginateGetGroups,
  paginateGetSamplingRules,
} from '@aws-sdk/client-xray';
import { describeChanges, groupChanges, groupUpdate, samplingRuleChanges, samplingRuleUpdate } from './changes.mjs';

async function find(pages, itemsOf, matches) {
  for await (const page of pages) {
    const found = itemsOf(page).find(matches);
    if (found) return found;
  }
  return undefined;
}

/** The X-Ray group of CreateGroup's input `wanted`. */
export async function ensureGroup(xray, wanted) {
  const name = wanted.GroupName;
  const label = `X-Ray group ${name}`;
  const actual = await find(
    paginateGetGroups({ client: xray }, {}),
    (page) => page.Groups ?? [],
    (group) => group.GroupName === name,
  );
  if (!actual) {
    await xray.send(new CreateGroupCommand(wanted));
    return { label, outcome: 'created' };
  }
  const changes = groupChanges(wanted, actual);
  if (changes.length === 0) return { label, outcome: 'unchanged' };
  await xray.send(new UpdateGroupCommand(groupUpdate(name, changes)));
  return { label, outcome: 'updated', detail: describeChanges(changes) };
}

/** The X-Ray sampling rule of CreateSamplingRule's input `wanted`. */
export async function ensureSamplingRule(xray, wanted) {
  const name = wanted.SamplingRule.RuleName;
  const label = `X-Ray sampling rule ${name}`;
  const actual = await find(
    paginateGetSamplingRules({ client: xray }, {}),
    (page) => page.SamplingRuleRecords ?? [],
    (record) => record.SamplingRule?.RuleName === name,
  );
  if (!actual) {
    await xray.send(new CreateSamplingRuleCommand(wanted));
    return { label, outcome: 'created' };
  }
  const changes = samplingRuleChanges(wanted.SamplingRule, actual.SamplingRule);
  if (changes.length === 0) return { label, outcome: 'unchanged' };
  await xray.send(new UpdateSamplingRuleCommand(samplingRuleUpdate(name, changes)));
  return { label, outcome: 'updated', detail: describeChanges(changes) };
}

/** The CloudWatch Logs log group `name` (its streams are created by the services as they start). */
export async function ensureLogGroup(logs, name) {
  const label = `CloudWatch Logs log group ${name}`;
  const actual = await find(
    paginateDescribeLogGroups({ client: logs }, { logGroupNamePrefix: name }),
    (page) => page.logGroups ?? [],
    (group) => group.logGroupName === name,
  );
  if (actual) return { label, outcome: 'unchanged' };
  try {
    await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
  } catch (error) {
    // Created by someone else (a service's first log line) between our read and our create.
    if (error?.name === 'ResourceAlreadyExistsException')
      return { label, outcome: 'unchanged', detail: 'created meanwhile by someone else' };
    throw error;
  }
  return { label, outcome: 'created' };
}
