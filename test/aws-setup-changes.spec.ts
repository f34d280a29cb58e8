import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readLoggingOptions } from '@app/observability';
import { parseFilterExpression } from '../apps/collector/src/xray/filter-expression.grammar';
import { type AwsSetupArgsScript, type AwsSetupChangesScript, importScript } from './support/scripts';

const AWS_JSON = path.resolve(__dirname, '..', 'aws', 'json');
const RULE = (JSON.parse(readFileSync(path.join(AWS_JSON, 'xray.json'), 'utf8')) as { SamplingRule: object })
  .SamplingRule as Record<string, unknown>;
const GROUP = JSON.parse(readFileSync(path.join(AWS_JSON, 'group.json'), 'utf8')) as Record<string, unknown>;

// The rule as GetSamplingRules returns it: the file's members plus what AWS adds.
const stored = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...RULE,
  RuleARN: 'arn:aws:xray:us-east-1:000000000000:sampling-rule/Cruddur',
  Attributes: {},
  ...changes,
});

describe('aws:setup: what counts as "differs"', () => {
  let changes: AwsSetupChangesScript;
  beforeAll(async () => {
    changes = await importScript<AwsSetupChangesScript>('aws-setup/changes.mjs');
  });

  it('a rule as AWS returns it (with its ARN and empty Attributes) does not differ from the file', () => {
    expect(changes.samplingRuleChanges(RULE, stored())).toEqual([]);
  });

  it('names each member that differs, with both values, and sends only those', () => {
    const found = changes.samplingRuleChanges(RULE, stored({ FixedRate: 0.05, ServiceName: '*' }));
    expect(found).toEqual([
      { member: 'FixedRate', from: 0.05, to: 0.1 },
      { member: 'ServiceName', from: '*', to: 'gateway' },
    ]);
    expect(changes.describeChanges(found)).toBe('FixedRate 0.05 → 0.1, ServiceName * → gateway');
    expect(changes.samplingRuleUpdate('Cruddur', found)).toEqual({
      SamplingRuleUpdate: { RuleName: 'Cruddur', FixedRate: 0.1, ServiceName: 'gateway' },
    });
  });

  it('compares Attributes as maps: missing is {}, order does not matter, a changed value differs', () => {
    const wanted = { ...RULE, Attributes: { a: '1', b: '2' } };
    expect(changes.samplingRuleChanges(wanted, stored({ Attributes: { b: '2', a: '1' } }))).toEqual([]);
    expect(changes.samplingRuleChanges(RULE, stored({ Attributes: undefined }))).toEqual([]);
    expect(changes.samplingRuleChanges(wanted, stored({ Attributes: { a: '1', b: '3' } }))).toEqual([
      { member: 'Attributes', from: { a: '1', b: '3' }, to: { a: '1', b: '2' } },
    ]);
  });

  it('refuses a different Version, which UpdateSamplingRule cannot change, saying so', () => {
    expect(() => changes.samplingRuleChanges(RULE, stored({ Version: 2 }))).toThrow(
      /sampling rule Cruddur: Version 2 → 1 cannot be updated/,
    );
  });

  it('a group differs by its filter expression or a given insights switch, not by what the file leaves out', () => {
    const arn = 'arn:aws:xray:us-east-1:000000000000:group/Cruddur/X';
    const insightsOff = { InsightsEnabled: false, NotificationsEnabled: false };
    expect(changes.groupChanges(GROUP, { ...GROUP, GroupARN: arn, InsightsConfiguration: insightsOff })).toEqual([]);
    const found = changes.groupChanges(
      { ...GROUP, InsightsConfiguration: { InsightsEnabled: true } },
      { GroupName: 'Cruddur', GroupARN: arn, FilterExpression: 'service("backend-flask")' },
    );
    expect(found).toEqual([
      { member: 'FilterExpression', from: 'service("backend-flask")', to: 'service("gateway")' },
      { member: 'InsightsConfiguration.InsightsEnabled', from: false, to: true },
    ]);
    expect(changes.groupUpdate('Cruddur', found)).toEqual({
      GroupName: 'Cruddur',
      FilterExpression: 'service("gateway")',
      InsightsConfiguration: { InsightsEnabled: true },
    });
  });

  it('a group without a filter expression shows it as (none)', () => {
    const found = changes.groupChanges(GROUP, { GroupName: 'Cruddur' });
    expect(changes.describeChanges(found)).toBe('FilterExpression (none) → service("gateway")');
  });
});

describe('aws:setup: its files and defaults agree with the suite', () => {
  it("aws/json/group.json is the original's group, naming this suite's gateway, in a filter the collector parses", () => {
    expect(GROUP).toEqual({ GroupName: 'Cruddur', FilterExpression: 'service("gateway")' });
    expect(() => parseFilterExpression(GROUP.FilterExpression as string)).not.toThrow();
  });

  it('creates the log group the services log to by default, or CLOUDWATCH_LOG_GROUP', async () => {
    const { DEFAULT_LOG_GROUP, parseAwsSetupArgs } = await importScript<AwsSetupArgsScript>('aws-setup/args.mjs');
    expect(DEFAULT_LOG_GROUP).toBe(readLoggingOptions({}, 'gateway').cloudwatch?.logGroupName);
    expect(parseAwsSetupArgs([], { CLOUDWATCH_LOG_GROUP: 'mine' }).logGroupName).toBe('mine');
  });

  it('uses dummy credentials only with --endpoint-url and no credentials in the environment', async () => {
    const { parseAwsSetupArgs } = await importScript<AwsSetupArgsScript>('aws-setup/args.mjs');
    const local = ['--endpoint-url', 'http://127.0.0.1:4318'];
    expect(parseAwsSetupArgs(local, {})).toMatchObject({ dummyCredentials: true, region: 'us-east-1' });
    expect(parseAwsSetupArgs(local, { AWS_ACCESS_KEY_ID: 'AKIA' }).dummyCredentials).toBe(false);
    expect(parseAwsSetupArgs(local, { AWS_PROFILE: 'dev' }).dummyCredentials).toBe(false);
    expect(parseAwsSetupArgs([], {}).dummyCredentials).toBe(false);
    expect(parseAwsSetupArgs([], { AWS_REGION: 'eu-west-1' }).region).toBe('eu-west-1');
  });
});
