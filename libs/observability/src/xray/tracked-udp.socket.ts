import { createSocket, type Socket } from 'node:dgram';
import { withoutTracing } from '../telemetry-call';

/** The part of a dgram socket the SDK's emitter calls. */
type SendCallback = (error: Error | null) => void;

/**
 * The UDP socket handed to aws-xray-sdk-core's emitter (it sends through
 * `SegmentEmitter.socket` when one is set). It is a plain unref'd dgram
 * socket, as the SDK's own, that also counts datagrams not yet handed to the
 * kernel, so `idle()` can tell when everything emitted has been sent: the
 * emitter itself offers no completion signal, and flushing before exit needs one.
 */
export class TrackedUdpSocket {
  private socket?: Socket;
  private pending = 0;
  private waiters: Array<() => void> = [];
  private sentCount = 0;

  /** Datagrams sent so far (successfully or not). */
  get sent(): number {
    return this.sentCount;
  }

  /** Same signature as `dgram.Socket#send` with offset and length, which the emitter uses. */
  send(message: Buffer, offset: number, length: number, port: number, address: string, callback?: SendCallback): void {
    this.socket ??= createSocket('udp4').unref();
    this.pending += 1;
    const done: SendCallback = (error) => {
      this.pending -= 1;
      this.sentCount += 1;
      try {
        callback?.(error);
      } finally {
        if (this.pending === 0) this.wakeWaiters();
      }
    };
    const socket = this.socket;
    try {
      // Spans end inside their request. With the dns instrumentation on and a daemon named by host name
      // (compose's `xray-daemon`), each datagram's lookup would be a span of that request, whose end
      // sends another datagram, and so on without end.
      withoutTracing(() => socket.send(message, offset, length, port, address, done));
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Resolves once every datagram handed over so far has been sent. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Waits for pending datagrams, then closes the socket; a later send opens a new one. */
  async close(): Promise<void> {
    await this.idle();
    const socket = this.socket;
    this.socket = undefined;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private wakeWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
