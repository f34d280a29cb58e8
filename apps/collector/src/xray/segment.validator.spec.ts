import { segmentFromDatagram } from './daemon-datagram.parser';
import { validateSegmentDocument } from './segment.validator';

const TRACE = '1-5759e988-bd862e3fe1be46a994272793';
const segment = (fields: Record<string, unknown> = {}) => ({
  id: '70de5b6f19ff9a0a',
  name: 'backend-flask',
  trace_id: TRACE,
  start_time: 1461096053.37518,
  end_time: 1461096053.4042,
  ...fields,
});
const message = (value: unknown) => {
  const result = validateSegmentDocument(value);
  return result.ok ? 'ok' : result.message;
};

describe('validateSegmentDocument', () => {
  it('accepts a complete segment and gives its canonical trace id', () => {
    const result = validateSegmentDocument(
      segment({
        annotations: { user: 'andrew', n: 3, flag: true },
        http: { request: { method: 'GET' }, response: { status: 200 } },
      }),
    );
    expect(result).toMatchObject({ ok: true, traceId: '5759e988bd862e3fe1be46a994272793' });
  });

  it('accepts an in-progress segment and a subsegment sent on its own', () => {
    expect(message(segment({ end_time: undefined, in_progress: true }))).toBe('ok');
    expect(message(segment({ type: 'subsegment', parent_id: '53995c3f42cd8ad8', name: 'GET /api (x)' }))).toBe('ok');
  });

  it.each(
    [
      [segment({ id: '70de5b6f19ff9a0' }), 'id must be 16 hexadecimal digits'],
      [segment({ name: '' }), 'name must be a non-empty string'],
      [segment({ name: 'x'.repeat(201) }), 'name is longer than 200 characters'],
      [segment({ name: 'bad(name)' }), 'name may only contain'],
      [segment({ trace_id: '5759e988bd862e3fe1be46a994272793' }), 'trace_id must be an X-Ray trace id'],
      [segment({ trace_id: undefined }), 'trace_id must be an X-Ray trace id'],
      [segment({ start_time: '1461096053' }), 'start_time must be a number'],
      [segment({ end_time: undefined }), 'end_time is required unless in_progress is true'],
      [segment({ end_time: 1461096050 }), 'end_time must not be before start_time'],
      [segment({ parent_id: 'xyz' }), 'parent_id must be 16 hexadecimal digits'],
      [segment({ fault: 'yes' }), 'fault must be a boolean'],
      [segment({ type: 'subsegment' }), 'parent_id is required for a subsegment sent on its own'],
      [segment({ type: 'segment' }), 'type must be "subsegment"'],
      [segment({ annotations: { 'not ok': 1 } }), 'annotations.not ok is not a valid annotation key'],
      [segment({ annotations: { k: { nested: 1 } } }), 'annotations.k must be a string, a number or a boolean'],
      [segment({ http: { response: { status: '500' } } }), 'http.response.status must be a number'],
      [
        segment({ subsegments: [{ id: '0123456789abcdef', name: 'db', start_time: 1 }] }),
        'subsegments[0].end_time is required',
      ],
      [
        segment({
          subsegments: [
            { id: '0123456789abcdef', name: 'db', start_time: 1, end_time: 2, subsegments: [{ id: 'short' }] },
          ],
        }),
        'subsegments[0].subsegments[0].id must be 16 hexadecimal digits',
      ],
      [[segment()], 'document must be a JSON object'],
    ].map(([document, expected]) => [expected, document]),
  )('refuses a document: %s', (expected, document) => {
    expect(message(document)).toContain(expected);
  });

  it('refuses subsegments nested without bound', () => {
    let deepest: Record<string, unknown> = { id: '0123456789abcdef', name: 'leaf', start_time: 1, end_time: 2 };
    for (let i = 0; i < 100; i += 1)
      deepest = { id: '0123456789abcdef', name: 'n', start_time: 1, end_time: 2, subsegments: [deepest] };
    expect(message(segment({ subsegments: [deepest] }))).toContain('nested deeper than 64 levels');
  });

  it('reports the id of a refused document when it has one', () => {
    expect(validateSegmentDocument(segment({ name: '' }))).toEqual(
      expect.objectContaining({ ok: false, id: '70de5b6f19ff9a0a' }),
    );
  });
});

describe('segmentFromDatagram', () => {
  it('returns the document after the daemon header', () => {
    expect(segmentFromDatagram(Buffer.from('{"format": "json", "version": 1}\n{"id":"x"}'))).toBe('{"id":"x"}');
  });

  it.each([
    ['{"id":"x"}', 'no header line'],
    ['{"format": "json", "version": 2}\n{}', 'header must be {"format": "json", "version": 1}'],
    ['{"format": "json"\n{}', 'header is not JSON'],
  ])('refuses %j', (datagram, expected) => {
    expect(() => segmentFromDatagram(Buffer.from(datagram))).toThrow(expected);
  });
});
