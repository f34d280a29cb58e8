import { diag } from '@opentelemetry/api';
// Deep imports: the package root would load cls-hooked (see span-document.converter.ts).
import xrayLogger = require('aws-xray-sdk-core/dist/lib/logger');
import SegmentEmitter = require('aws-xray-sdk-core/dist/lib/segment_emitter');
import type { XrayDocument } from './span-document.converter';
import type { TrackedUdpSocket } from './tracked-udp.socket';

/** The emitter's internal socket slot: `send` uses it when set, else creates its own. */
const emitter = SegmentEmitter as typeof SegmentEmitter & { socket?: unknown };

/**
 * Points the SDK's (process-wide) emitter at the daemon and at our socket.
 * The SDK ignores the address when AWS_XRAY_DAEMON_ADDRESS is set: it reads
 * that variable itself, and the apps derive `daemonAddress` from it anyway.
 */
export function configureEmitter(daemonAddress: string, socket: TrackedUdpSocket): void {
  SegmentEmitter.setDaemonAddress(daemonAddress);
  emitter.socket = socket;
  // The SDK logs send failures (a segment over the 64 KiB datagram limit) on the console;
  // OpenTelemetry's diag logger is where the library's telemetry trouble goes, rate-limited.
  xrayLogger.setLogger({
    error: (message: string) => diag.error(`aws-xray-sdk-core: ${message}`),
    warn: (message: string) => diag.warn(`aws-xray-sdk-core: ${message}`),
    info: (message: string) => diag.info(`aws-xray-sdk-core: ${message}`),
    debug: (message: string) => diag.debug(`aws-xray-sdk-core: ${message}`),
  });
}

/** Gives the emitter its own socket back (for any later user) when ours is still installed. */
export function releaseEmitter(socket: TrackedUdpSocket): void {
  if (emitter.socket === socket) emitter.socket = undefined;
}

/** Formats and sends one document to the daemon with the SDK's emitter (header line + JSON, one datagram). */
export function emit(document: XrayDocument): void {
  // The emitter's typings say Segment, but it sends any document with format() (the SDK streams subsegments through it).
  SegmentEmitter.send(document as Parameters<typeof SegmentEmitter.send>[0]);
}
