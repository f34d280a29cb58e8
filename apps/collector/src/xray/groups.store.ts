import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FilterNode } from './filter-expression.ast';
import { parseFilterExpression } from './filter-expression.grammar';
import { invalidRequest } from './xray-request.reader';
import { MAX_GROUPS, XRAY_ACCOUNT_ID, XRAY_REGION } from './xray.constants';

/** InsightsConfiguration, kept as given (insights are not emulated). */
export interface InsightsConfigurationJson {
  InsightsEnabled: boolean;
  NotificationsEnabled: boolean;
}

/** Group as the X-Ray API returns it. */
export interface GroupJson {
  GroupName: string;
  GroupARN: string;
  FilterExpression?: string;
  InsightsConfiguration: InsightsConfigurationJson;
}

interface StoredGroup {
  json: GroupJson;
  filter?: FilterNode;
}

const DEFAULT_GROUP = 'Default';
const ARN_PREFIX = `arn:aws:xray:${XRAY_REGION}:${XRAY_ACCOUNT_ID}:group/`;
const NO_INSIGHTS: InsightsConfigurationJson = { InsightsEnabled: false, NotificationsEnabled: false };

/** Which group an operation names: GroupName or GroupARN, as X-Ray takes either. */
export interface GroupSelector {
  name?: string;
  arn?: string;
}

/**
 * X-Ray groups: a name, an ARN and a filter expression (checked when the
 * group is written, so a group always has a valid filter). The `Default`
 * group always exists, matches every trace and cannot be changed or deleted;
 * at most 25 other groups, as in AWS.
 */
@Injectable()
export class GroupsStore {
  private readonly groups = new Map<string, StoredGroup>([
    [
      DEFAULT_GROUP,
      {
        json: {
          GroupName: DEFAULT_GROUP,
          GroupARN: `${ARN_PREFIX}${DEFAULT_GROUP}`,
          InsightsConfiguration: NO_INSIGHTS,
        },
      },
    ],
  ]);

  list(): GroupJson[] {
    return [...this.groups.values()].map((group) => structuredClone(group.json));
  }

  /** The group and its parsed filter; InvalidRequestException when there is no such group. */
  get(selector: GroupSelector): { json: GroupJson; filter?: FilterNode } {
    const group = this.find(selector);
    return { json: structuredClone(group.json), filter: group.filter };
  }

  create(
    name: string,
    filterExpression: string | undefined,
    insights: Partial<InsightsConfigurationJson> | undefined,
  ): GroupJson {
    if (this.groups.has(name)) throw invalidRequest(`Group ${name} already exists`);
    if (this.groups.size - 1 >= MAX_GROUPS) throw invalidRequest(`You have reached the limit of ${MAX_GROUPS} groups`);
    const id = randomBytes(20)
      .toString('base64url')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 26)
      .toUpperCase();
    const group: StoredGroup = {
      json: {
        GroupName: name,
        GroupARN: `${ARN_PREFIX}${name}/${id}`,
        ...(filterExpression !== undefined ? { FilterExpression: filterExpression } : {}),
        InsightsConfiguration: { ...NO_INSIGHTS, ...insights },
      },
      filter: filterExpression === undefined ? undefined : parseFilterExpression(filterExpression),
    };
    this.groups.set(name, group);
    return structuredClone(group.json);
  }

  update(
    selector: GroupSelector,
    filterExpression: string | undefined,
    insights: Partial<InsightsConfigurationJson> | undefined,
  ): GroupJson {
    const group = this.find(selector);
    if (group.json.GroupName === DEFAULT_GROUP && filterExpression !== undefined) {
      throw invalidRequest('The filter expression of the Default group cannot be changed');
    }
    if (filterExpression !== undefined) {
      group.filter = parseFilterExpression(filterExpression);
      group.json.FilterExpression = filterExpression;
    }
    group.json.InsightsConfiguration = { ...group.json.InsightsConfiguration, ...insights };
    return structuredClone(group.json);
  }

  delete(selector: GroupSelector): void {
    const group = this.find(selector);
    if (group.json.GroupName === DEFAULT_GROUP) throw invalidRequest('The Default group cannot be deleted');
    this.groups.delete(group.json.GroupName);
  }

  private find(selector: GroupSelector): StoredGroup {
    if (selector.name === undefined && selector.arn === undefined)
      throw invalidRequest('Either GroupName or GroupARN is required');
    const byName = selector.name === undefined ? undefined : this.groups.get(selector.name);
    const byArn =
      selector.arn === undefined
        ? undefined
        : [...this.groups.values()].find((group) => group.json.GroupARN === selector.arn);
    const group = byName ?? byArn;
    if (!group || (byName && byArn && byName !== byArn)) {
      throw invalidRequest(`Group not found: ${selector.name ?? selector.arn}`);
    }
    if (selector.name !== undefined && selector.arn !== undefined && (!byName || !byArn)) {
      throw invalidRequest(
        `Group not found: GroupName ${selector.name} and GroupARN ${selector.arn} do not name the same group`,
      );
    }
    return group;
  }
}
