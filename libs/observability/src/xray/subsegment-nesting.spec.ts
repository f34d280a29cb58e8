import { nestSubsegments } from './subsegment-nesting';
import type { XrayDocument } from './xray-document.types';

const TRACE = '1-6a1b2c3d-0123456789abcdef01234567';
const segment: XrayDocument = { name: 'gateway', id: 'a000000000000000', trace_id: TRACE, start_time: 1, end_time: 2 };

function subsegment(id: string, parentId: string, traceId = TRACE): XrayDocument {
  return { name: id, id, type: 'subsegment', trace_id: traceId, parent_id: parentId, start_time: 1, end_time: 2 };
}

describe('nestSubsegments', () => {
  it('nests children under their parents whatever order they ended in, without type, trace_id or parent_id', () => {
    const child = subsegment('b000000000000000', segment.id);
    const grandchild = subsegment('c000000000000000', child.id);
    const { segment: nested, unplaced } = nestSubsegments(segment, [grandchild, child]);
    expect(unplaced).toEqual([]);
    expect(nested).toEqual({
      ...segment,
      subsegments: [
        {
          name: child.name,
          id: child.id,
          start_time: 1,
          end_time: 2,
          subsegments: [{ name: grandchild.name, id: grandchild.id, start_time: 1, end_time: 2 }],
        },
      ],
    });
    // The inputs stay sendable on their own.
    expect(child).toMatchObject({ type: 'subsegment', parent_id: segment.id });
    expect(child.subsegments).toBeUndefined();
    expect(segment.subsegments).toBeUndefined();
  });

  it('leaves out a subsegment whose parent it does not hold, with what was nested under it', () => {
    const orphan = subsegment('b000000000000000', 'f000000000000000');
    const underOrphan = subsegment('c000000000000000', orphan.id);
    const otherTrace = subsegment('d000000000000000', segment.id, '1-6a1b2c3d-99999999999999999999999a');
    const { segment: nested, unplaced } = nestSubsegments(segment, [orphan, underOrphan, otherTrace]);
    expect(nested.subsegments).toBeUndefined();
    expect(unplaced).toEqual([
      { ...orphan, subsegments: [{ name: underOrphan.name, id: underOrphan.id, start_time: 1, end_time: 2 }] },
      otherTrace,
    ]);
  });
});
