import { fromXrayTraceId, toXrayTraceId } from './xray-trace-id';

describe('X-Ray trace ids', () => {
  const traceId = '6a5f3c1e9b2d47e8a5c4b3d2e1f0a9b8';

  it('writes and reads the X-Ray form of a trace id', () => {
    expect(toXrayTraceId(traceId)).toBe('1-6a5f3c1e-9b2d47e8a5c4b3d2e1f0a9b8');
    expect(fromXrayTraceId('1-6A5F3C1E-9B2D47E8A5C4B3D2E1F0A9B8')).toBe(traceId);
    expect(fromXrayTraceId(toXrayTraceId(traceId))).toBe(traceId);
  });

  it.each([
    '',
    traceId,
    '2-6a5f3c1e-9b2d47e8a5c4b3d2e1f0a9b8',
    '1-6a5f3c1e-9b2d47e8a5c4b3d2e1f0a9b',
    ' 1-6a5f3c1e-9b2d47e8a5c4b3d2e1f0a9b8',
    '1-6a5f3c1g-9b2d47e8a5c4b3d2e1f0a9b8',
  ])('refuses %j', (id) => {
    expect(fromXrayTraceId(id)).toBeUndefined();
  });
});
