import { traceRecordOf } from '../store/testing/trace-record.fixture';
import type { XraySegmentDocument } from '../store/xray-segment';
import { buildServiceGraph } from './service-graph.builder';
import { type TraceView, traceViewOf } from './trace.view';

function view(traceId: string, ...documents: XraySegmentDocument[]): TraceView {
  return traceViewOf(traceRecordOf(traceId, ...documents)) as TraceView;
}

const gateway = (id: string, callId: string, fault = false): XraySegmentDocument => ({
  id,
  name: 'gateway',
  trace_id: 'x',
  start_time: 100,
  end_time: 101,
  fault,
  subsegments: [
    { id: callId, name: 'activities', namespace: 'remote', start_time: 100.1, end_time: 100.9 },
    { id: `${callId.slice(0, 15)}f`, name: 'DynamoDB', namespace: 'aws', start_time: 100.9, end_time: 100.95 },
  ],
});
const activities = (id: string, parent: string, error = false): XraySegmentDocument => ({
  id,
  name: 'activities',
  origin: 'AWS::EC2::Instance',
  trace_id: 'x',
  parent_id: parent,
  start_time: 100.2,
  end_time: 100.8,
  error,
});

describe('buildServiceGraph', () => {
  const services = buildServiceGraph([
    view(
      '5759e988bd862e3fe1be46a994272793',
      gateway('aaaaaaaaaaaaaaa1', 'bbbbbbbbbbbbbbb1'),
      activities('ccccccccccccccc1', 'bbbbbbbbbbbbbbb1'),
    ),
    view(
      '5759e988bd862e3fe1be46a994272794',
      gateway('aaaaaaaaaaaaaaa2', 'bbbbbbbbbbbbbbb2', true),
      activities('ccccccccccccccc2', 'bbbbbbbbbbbbbbb2', true),
    ),
  ]);
  const byName = (name: string, type?: string) =>
    services.find((service) => service.Name === name && service.Type === type);

  it('has a node per service, a client in front of the entry point, and an inferred node for untraced calls', () => {
    expect(services.map((service) => [service.Name, service.Type ?? null, service.State])).toEqual([
      ['gateway', 'client', 'unknown'],
      ['activities', 'AWS::EC2::Instance', 'active'],
      ['DynamoDB', 'AWS::DynamoDB', 'unknown'],
      ['gateway', null, 'active'],
    ]);
    expect(services.map((service) => service.ReferenceId)).toEqual([0, 1, 2, 3]);
    expect(byName('gateway')?.Root).toBe(true);
    expect(byName('activities', 'AWS::EC2::Instance')?.Root).toBeUndefined();
  });

  it('links a caller to the service whose segment has one of its subsegments as parent', () => {
    const edges = byName('gateway')?.Edges ?? [];
    expect(edges.map((edge) => edge.ReferenceId).sort()).toEqual([1, 2]);
    const toActivities = edges.find((edge) => edge.ReferenceId === 1);
    expect(toActivities?.SummaryStatistics).toEqual({
      OkCount: 1,
      ErrorStatistics: { ThrottleCount: 0, OtherCount: 1, TotalCount: 1 },
      FaultStatistics: { OtherCount: 0, TotalCount: 0 },
      TotalCount: 2,
      TotalResponseTime: 1.2,
    });
    expect(byName('gateway', 'client')?.Edges.map((edge) => edge.ReferenceId)).toEqual([3]);
    expect(byName('activities', 'AWS::EC2::Instance')?.Edges).toEqual([]);
  });

  it("counts each service's own outcomes and times", () => {
    const node = byName('gateway');
    expect(node?.SummaryStatistics).toMatchObject({
      OkCount: 1,
      TotalCount: 2,
      FaultStatistics: { TotalCount: 1, OtherCount: 1 },
    });
    expect(node?.DurationHistogram).toEqual([{ Value: 1, Count: 2 }]);
    expect([node?.StartTime, node?.EndTime]).toEqual([100, 101]);
  });
});
