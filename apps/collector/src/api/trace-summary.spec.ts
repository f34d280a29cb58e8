import { traceRecordOf } from '../store/testing/trace-record.fixture';
import type { XraySegmentDocument } from '../store/xray-segment';
import { summarize } from './trace-summary';

const TRACE = '5759e988bd862e3fe1be46a994272793';
const XRAY_TRACE = '1-5759e988-bd862e3fe1be46a994272793';

describe('summarize (a trace list row)', () => {
  it('counts the subsegments nested in a segment and sees their faults, each (sub)segment once', () => {
    const segment: XraySegmentDocument = {
      id: 'aaaaaaaaaaaaaaaa',
      name: 'gateway',
      trace_id: XRAY_TRACE,
      start_time: 10,
      end_time: 11,
      subsegments: [
        {
          id: 'bbbbbbbbbbbbbbbb',
          name: 'handler',
          start_time: 10.1,
          end_time: 10.9,
          subsegments: [{ id: 'cccccccccccccccc', name: 'activities', start_time: 10.2, end_time: 10.8, fault: true }],
        },
      ],
    };
    // The same subsegment also sent on its own (a flush before its segment ended): counted once.
    const alone: XraySegmentDocument = {
      id: 'cccccccccccccccc',
      name: 'activities',
      type: 'subsegment',
      trace_id: XRAY_TRACE,
      parent_id: 'bbbbbbbbbbbbbbbb',
      start_time: 10.2,
      end_time: 10.8,
      fault: true,
    };
    const summary = summarize(traceRecordOf(TRACE, segment, alone));
    expect(summary).toMatchObject({ segmentCount: 3, hasError: true, services: ['gateway'], rootName: 'gateway' });
    // A fault only inside the segment's datagram still marks the row.
    expect(summarize(traceRecordOf(TRACE, segment)).hasError).toBe(true);
    expect(summarize(traceRecordOf(TRACE, { ...segment, subsegments: [] })).hasError).toBe(false);
  });
});
