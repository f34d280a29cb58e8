import type { XraySegmentDocument } from '../store/xray-segment';
import { walk } from './trace.view';

/** A node of the service graph as X-Ray names it (also the ServiceId of trace summaries). */
export interface ServiceIdentity {
  name: string;
  /** The segment's `origin` (AWS::EC2::Instance…), `remote`/`AWS::…` for inferred nodes, `client`; absent for a plain service. */
  type?: string;
  accountId?: string;
}

/** Same name and type: the same node. */
export const identityKey = (identity: ServiceIdentity): string => `${identity.type ?? ''}\u0000${identity.name}`;

/** The service a segment belongs to. */
export function segmentIdentity(segment: XraySegmentDocument): ServiceIdentity {
  const aws = segment.aws as { account_id?: unknown } | undefined;
  return {
    name: segment.name,
    ...(segment.origin ? { type: segment.origin } : {}),
    ...(typeof aws?.account_id === 'string' ? { accountId: aws.account_id } : {}),
  };
}

/** The node X-Ray infers for a call to something that sends no segments (an AWS service or an HTTP API). */
export function inferredIdentity(subsegment: XraySegmentDocument): ServiceIdentity {
  return { name: subsegment.name, type: subsegment.namespace === 'aws' ? `AWS::${subsegment.name}` : 'remote' };
}

/** Subsegments of a segment that call another service (`namespace` remote or aws). */
export function downstreamCalls(segment: XraySegmentDocument): XraySegmentDocument[] {
  return [...walk(segment)].filter(
    (node) => node !== segment && (node.namespace === 'remote' || node.namespace === 'aws'),
  );
}

/** ServiceId as the X-Ray API writes it. */
export function toServiceId(identity: ServiceIdentity): {
  Name: string;
  Names: string[];
  Type?: string;
  AccountId?: string;
} {
  return {
    Name: identity.name,
    Names: [identity.name],
    ...(identity.type ? { Type: identity.type } : {}),
    ...(identity.accountId ? { AccountId: identity.accountId } : {}),
  };
}
