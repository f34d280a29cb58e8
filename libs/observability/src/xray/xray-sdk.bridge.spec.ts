import SegmentEmitter = require('aws-xray-sdk-core/dist/lib/segment_emitter');
import Segment = require('aws-xray-sdk-core/dist/lib/segments/segment');
import * as xray from './index';
import { TrackedUdpSocket } from './tracked-udp.socket';
import { UdpDaemonFixture } from './testing/udp-daemon.fixture';
import { configureEmitter, emit, releaseEmitter } from './xray-sdk.bridge';

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
      const segment = new Segment('bridge', '1-6a1b2c3d-0123456789abcdef01234567');
      emit(segment);
      await socket.idle();
      // Fails if a new SDK version stops sending through `SegmentEmitter.socket` (flush would then not wait).
      expect(socket.sent).toBe(1);
      const [document] = await daemon.waitFor(1);
      expect(document).toMatchObject({ name: 'bridge', id: segment.id });
    } finally {
      releaseEmitter(socket);
      await socket.close();
      await daemon.close();
    }
  });
});
