import SegmentEmitter = require('aws-xray-sdk-core/dist/lib/segment_emitter');
import * as xray from './index';
import { TrackedUdpSocket } from './tracked-udp.socket';
import { UdpDaemonFixture } from './testing/udp-daemon.fixture';
import { configureEmitter, emit, MAX_DOCUMENT_BYTES, releaseEmitter } from './xray-sdk.bridge';

describe('the aws-xray-sdk-core bridge', () => {
  it('does not load cls-hooked (its async hook slows every await in the process)', () => {
    expect(xray.XraySegmentProcessor).toBeDefined();
    // cls-hooked registers its namespaces on `process` when it loads.
    expect((process as { namespaces?: unknown }).namespaces).toBeUndefined();
  });

  it('sends through the SDK emitter, over the tracked socket, to the configured daemon', async () => {
    const daemon = await UdpDaemonFixture.start();
    const socket = new TrackedUdpSocket();
    try {
      configureEmitter(daemon.address, socket);
      expect(`${SegmentEmitter.getIp()}:${SegmentEmitter.getPort()}`).toBe(daemon.address);
      const segment = {
        name: 'bridge',
        id: '0123456789abcdef',
        trace_id: '1-6a1b2c3d-0123456789abcdef01234567',
        start_time: 1_780_000_000,
        end_time: 1_780_000_001,
      };
      emit(segment);
      await socket.idle();
      // Fails if a new SDK version stops sending through `SegmentEmitter.socket` (flush would then not wait).
      expect(socket.sent).toBe(1);
      const [document] = await daemon.waitFor(1);
      expect(document).toEqual(segment);
      expect(daemon.headers).toEqual(['{"format":"json","version":1}']);
    } finally {
      releaseEmitter(socket);
      await socket.close();
      await daemon.close();
    }
  });

  it('measures the largest document a datagram carries against the header the SDK writes', () => {
    expect(MAX_DOCUMENT_BYTES).toBe(65_507 - '{"format":"json","version":1}\n'.length);
  });
});
