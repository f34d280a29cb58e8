import { traceRecordOf } from '../store/testing/trace-record.fixture';
import type { XraySegmentDocument } from '../store/xray-segment';
import { assembleTrace } from './segment.assembler';

const TRACE = '1-5759e988-bd862e3fe1be46a994272793';

const record = (...documents: XraySegmentDocument[]) => traceRecordOf('5759e988bd862e3fe1be46a994272793', ...documents);

const sub = (
  id: string,
  parent: string,
  start: number,
  extra: Partial<XraySegmentDocument> = {},
): XraySegmentDocument => ({
  id,
  name: `sub-${id}`,
  trace_id: TRACE,
  type: 'subsegment',
  parent_id: parent,
  start_time: start,
  end_time: start + 1,
  ...extra,
});

describe('assembleTrace', () => {
  const segment: XraySegmentDocument = {
    id: 'aaaaaaaaaaaaaaaa',
    name: 'api',
    trace_id: TRACE,
    start_time: 10,
    end_time: 20,
    subsegments: [{ id: 'bbbbbbbbbbbbbbbb', name: 'handler', start_time: 11, end_time: 19 }],
  };

  it('nests subsegments sent on their own into their parent segment or subsegment, in start order', () => {
    const documents = assembleTrace(
      record(
        segment,
        sub('dddddddddddddddd', 'bbbbbbbbbbbbbbbb', 15),
        sub('cccccccccccccccc', 'aaaaaaaaaaaaaaaa', 12),
        sub('eeeeeeeeeeeeeeee', 'dddddddddddddddd', 16),
      ),
    );
    expect(documents).toHaveLength(1);
    const [api] = documents;
    expect(api.subsegments?.map((child) => child.id)).toEqual(['bbbbbbbbbbbbbbbb', 'cccccccccccccccc']);
    const handler = api.subsegments?.[0];
    expect(handler?.subsegments?.map((child) => child.id)).toEqual(['dddddddddddddddd']);
    expect(handler?.subsegments?.[0].subsegments?.[0]).toEqual({
      id: 'eeeeeeeeeeeeeeee',
      name: 'sub-eeeeeeeeeeeeeeee',
      start_time: 16,
      end_time: 17,
    });
  });

  it('replaces a nested in-progress copy by the complete one sent later', () => {
    const inProgress = {
      ...segment,
      subsegments: [{ id: 'cccccccccccccccc', name: 'call', start_time: 12, in_progress: true }],
    };
    const [api] = assembleTrace(record(inProgress, sub('cccccccccccccccc', 'aaaaaaaaaaaaaaaa', 12, { name: 'call' })));
    expect(api.subsegments).toEqual([{ id: 'cccccccccccccccc', name: 'call', start_time: 12, end_time: 13 }]);
  });

  it('keeps orphans and loops as documents of their own, and leaves the store untouched', () => {
    const orphan = sub('1111111111111111', '9999999999999999', 5);
    const loopA = sub('2222222222222222', '3333333333333333', 6);
    const loopB = sub('3333333333333333', '2222222222222222', 7);
    const stored = record(segment, orphan, loopA, loopB, sub('4444444444444444', 'aaaaaaaaaaaaaaaa', 13));
    const documents = assembleTrace(stored);
    expect(documents.map((document) => document.id)).toEqual(
      expect.arrayContaining(['aaaaaaaaaaaaaaaa', '1111111111111111']),
    );
    expect(documents.map((document) => document.id)).not.toContain('4444444444444444');
    expect(JSON.stringify(documents)).toContain('2222222222222222');
    expect(stored.segments.get('aaaaaaaaaaaaaaaa')?.subsegments).toHaveLength(1);
  });
});
