import type { XraySegmentDocument } from '../store/xray-segment';
import type {
  CompareOperator,
  FilterNode,
  NumberKeyword,
  StringKeyword,
  StringOperator,
} from './filter-expression.ast';
import {
  downstreamCalls,
  identityKey,
  inferredIdentity,
  type ServiceIdentity,
  segmentIdentity,
} from './service-identity';
import { endOf, type TraceView, walk } from './trace.view';

/** What a (sub)expression is evaluated against: the whole trace, or one service's part of it. */
interface Scope {
  /** Segments in scope (for a service: its segments, or the calls to it when it is an inferred node). */
  segments: XraySegmentDocument[];
  /** Set for the trace scope: the entry point, whose response the trace-level keywords describe. */
  root?: XraySegmentDocument;
  traceDuration?: number;
}

type Scalar = string | number | boolean;

function compare(left: Scalar, operator: CompareOperator | StringOperator, right: Scalar): boolean {
  if (operator === '!=') return left !== right;
  if (operator === '=') return left === right;
  if (typeof left === 'string' && typeof right === 'string') {
    if (operator === 'contains') return left.includes(right);
    if (operator === 'beginswith') return left.startsWith(right);
    if (operator === 'endswith') return left.endsWith(right);
  }
  if (typeof left !== 'number' || typeof right !== 'number') return false;
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    default:
      return false;
  }
}

const spanOf = (segment: XraySegmentDocument): number => endOf(segment) - segment.start_time;

function numbers(scope: Scope, field: NumberKeyword): number[] {
  const segments = scope.root ? [scope.root] : scope.segments;
  if (field === 'duration' && scope.traceDuration !== undefined) return [scope.traceDuration];
  if (field === 'http.status') return segments.flatMap((segment) => segment.http?.response?.status ?? []);
  return segments.map(spanOf);
}

function strings(scope: Scope, field: StringKeyword): string[] {
  if (field === 'user')
    return scope.segments.flatMap((segment) => (typeof segment.user === 'string' ? [segment.user] : []));
  if (field === 'name') return scope.segments.map((segment) => segment.name);
  const segments = scope.root ? [scope.root] : scope.segments;
  const key = (
    {
      'http.url': 'url',
      'http.method': 'method',
      'http.useragent': 'user_agent',
      'http.clientip': 'client_ip',
    } as const
  )[field];
  return segments.flatMap((segment) => segment.http?.request?.[key] ?? []);
}

function hasFlag(scope: Scope, flag: 'error' | 'fault' | 'throttle' | 'partial'): boolean {
  if (flag === 'partial')
    return scope.segments.some((segment) => [...walk(segment)].some((node) => node.in_progress === true));
  return scope.segments.some((segment) => segment[flag] === true);
}

/** The service scopes of a trace: one per node, segments grouped by service, inferred nodes from their callers' subsegments. */
function serviceScopes(view: TraceView): Array<{ identity: ServiceIdentity; scope: Scope }> {
  const groups = new Map<string, { identity: ServiceIdentity; scope: Scope }>();
  const add = (identity: ServiceIdentity, segment: XraySegmentDocument): void => {
    const key = identityKey(identity);
    const group = groups.get(key) ?? { identity, scope: { segments: [] } };
    group.scope.segments.push(segment);
    groups.set(key, group);
  };
  const called = new Set(view.segments.flatMap((segment) => segment.parent_id ?? []));
  for (const segment of view.segments) {
    add(segmentIdentity(segment), segment);
    for (const call of downstreamCalls(segment)) if (!called.has(call.id)) add(inferredIdentity(call), call);
  }
  return [...groups.values()];
}

function evaluate(node: FilterNode, scope: Scope, view: TraceView): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, scope, view) && evaluate(node.right, scope, view);
    case 'or':
      return evaluate(node.left, scope, view) || evaluate(node.right, scope, view);
    case 'not':
      return !evaluate(node.operand, scope, view);
    case 'flag': {
      const present =
        node.flag === 'ok'
          ? !hasFlag(scope, 'error') && !hasFlag(scope, 'fault') && !hasFlag(scope, 'throttle')
          : hasFlag(scope, node.flag);
      return present === node.value;
    }
    case 'number':
      return numbers(scope, node.field).some((value) => compare(value, node.operator, node.value));
    case 'string':
      return strings(scope, node.field).some((value) => compare(value, node.operator, node.value));
    case 'annotation': {
      const values = scope.segments.flatMap((segment) =>
        [...walk(segment)].flatMap((item) =>
          item.annotations && node.key in item.annotations ? [item.annotations[node.key]] : [],
        ),
      );
      if (node.operator === undefined || node.value === undefined) return values.length > 0;
      const { operator, value } = node;
      return values.some((annotation) => compare(annotation, operator, value));
    }
    case 'service':
      return serviceScopes(view).some(
        ({ identity, scope: serviceScope }) =>
          (node.name === undefined || identity.name === node.name) &&
          (node.type === undefined || identity.type === node.type) &&
          (node.body === undefined || evaluate(node.body, serviceScope, view)),
      );
  }
}

/**
 * Whether a trace matches a parsed filter expression. Outside `service(...)`
 * the keywords describe the trace: ok/error/fault/throttle and annotations
 * look at every segment, responsetime and http.* at the entry point, duration
 * at the whole trace. Inside `service("x") {…}` they describe that service's
 * segments; a comparison holds when it holds for one of them.
 */
export function matchesFilter(filter: FilterNode, view: TraceView): boolean {
  return evaluate(filter, { segments: view.documents, root: view.root, traceDuration: view.duration }, view);
}
