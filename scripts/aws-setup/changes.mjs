// What "differs" means between a resource as aws/json wants it and as AWS holds it: only the
// members the file gives are compared (AWS adds ARNs, dates and defaults of its own), and
// each difference is one { member, from, to } that the output shows and the update sends.

// SamplingRuleUpdate's members: all of a rule's but its name, ARN and Version.
const RULE_MEMBERS = [
  'ResourceARN',
  'Priority',
  'FixedRate',
  'ReservoirSize',
  'ServiceName',
  'ServiceType',
  'Host',
  'HTTPMethod',
  'URLPath',
  'Attributes',
];
const INSIGHTS_MEMBERS = ['InsightsEnabled', 'NotificationsEnabled'];

/** A file under aws/json that cannot be applied; the message names the file and the member. */
export class WantedResourceError extends Error {
  name = 'WantedResourceError';
}

const sameMap = (a = {}, b = {}) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([key, value]) => b[key] === value);

/**
 * The differences of a group (GetGroups' Group) from CreateGroup's input. Tags are not compared:
 * GetGroups does not return them, and CreateGroup alone sets them.
 * @returns {{ member: string, from: unknown, to: unknown }[]}
 */
export function groupChanges(wanted, actual) {
  const changes = [];
  if (wanted.FilterExpression !== undefined && wanted.FilterExpression !== actual.FilterExpression) {
    changes.push({ member: 'FilterExpression', from: actual.FilterExpression, to: wanted.FilterExpression });
  }
  for (const member of INSIGHTS_MEMBERS) {
    const to = wanted.InsightsConfiguration?.[member];
    // AWS reports an unset switch as false.
    const from = actual.InsightsConfiguration?.[member] ?? false;
    if (to !== undefined && to !== from) changes.push({ member: `InsightsConfiguration.${member}`, from, to });
  }
  return changes;
}

/** UpdateGroup's input that applies `changes` to the group named `name`. */
export function groupUpdate(name, changes) {
  const input = { GroupName: name };
  for (const { member, to } of changes) {
    if (member === 'FilterExpression') input.FilterExpression = to;
    else input.InsightsConfiguration = { ...input.InsightsConfiguration, [member.split('.')[1]]: to };
  }
  return input;
}

/**
 * The differences of a sampling rule (GetSamplingRules' SamplingRule) from CreateSamplingRule's
 * SamplingRule. Attributes are a map: missing is {}, order does not matter. Version cannot be
 * updated, so a different Version is a WantedResourceError rather than a change.
 * @returns {{ member: string, from: unknown, to: unknown }[]}
 */
export function samplingRuleChanges(wanted, actual) {
  if (wanted.Version !== undefined && actual.Version !== undefined && wanted.Version !== actual.Version) {
    throw new WantedResourceError(
      `sampling rule ${wanted.RuleName}: Version ${actual.Version} → ${wanted.Version} cannot be updated (delete the rule first)`,
    );
  }
  const changes = [];
  for (const member of RULE_MEMBERS) {
    const to = wanted[member];
    if (to === undefined) continue;
    const from = actual[member];
    const same = member === 'Attributes' ? sameMap(to, from) : to === from;
    if (!same) changes.push({ member, from, to });
  }
  return changes;
}

/** UpdateSamplingRule's input that applies `changes` to the rule named `name`. */
export function samplingRuleUpdate(name, changes) {
  return {
    SamplingRuleUpdate: { RuleName: name, ...Object.fromEntries(changes.map(({ member, to }) => [member, to])) },
  };
}

const shown = (value) =>
  value === undefined ? '(none)' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** "FixedRate 0.05 → 0.1, ReservoirSize 1 → 5": the changes as one line says them. */
export function describeChanges(changes) {
  return changes.map(({ member, from, to }) => `${member} ${shown(from)} → ${shown(to)}`).join(', ');
}
