import { diag } from '@opentelemetry/api';
// Deep imports: the package root would load cls-hooked (see span-document.converter.ts).
import xrayLogger = require('aws-xray-sdk-core/dist/lib/logger');
import SegmentEmitter = require('aws-xray-sdk-core/dist/lib/segment_emitter');
import type { XrayDocument } from './xray-document.types';
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

/**
 * The largest document one datagram carries: a UDP payload (65,507 bytes) less the daemon
 * protocol's header line, as the SDK's emitter formats it around an empty document.
 */
export const MAX_DOCUMENT_BYTES =
  65_507 -
  Buffer.byteLength(SegmentEmitter.format({ toString: () => '' } as Parameters<typeof SegmentEmitter.format>[0]));

/**
 * Sends one document to the daemon with the SDK's emitter (header line + JSON, one datagram).
 * `json` is the document's text when the caller has it already (it measured the size).
 */
export function emit(document: XrayDocument, json: string = JSON.stringify(document)): void {
  // The emitter sends anything with format(), trace_id, id and type (the SDK streams subsegments through it).
  // toString() is what its debug line concatenates on every send, whatever the log level: the ids, not the document again.
  const { trace_id, id, type } = document;
  const sendable = {
    trace_id,
    id,
    type,
    format: () => json,
    toString: () => `{"trace_id":"${trace_id}","id":"${id}"}`,
  };
  SegmentEmitter.send(sendable as unknown as Parameters<typeof SegmentEmitter.send>[0]);
}
