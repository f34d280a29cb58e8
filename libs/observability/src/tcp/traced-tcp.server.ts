import type { Socket } from 'node:net';
import { type Drainable, socketsClosed } from '@app/common';
import { SpanKind, ROOT_CONTEXT, context, propagation, trace } from '@opentelemetry/api';
import {
  type BaseRpcContext,
  type CustomStrategy,
  type ReadPacket,
  ServerTCP,
  type TcpContext,
  type TcpSocket,
  type WritePacket,
} from '@nestjs/microservices';
import type { Observable } from 'rxjs';
import { Logger } from '@nestjs/common';
import { NEST_TCP_SYSTEM } from '../attributes';
import { tracer } from '../tracer';
import type { TcpAccessEntry } from './tcp-access.entry';
import { isTcpReplyDropped } from './dropped-replies';
import { beginTcpMessage, endTcpMessage } from './tcp-message.state';
import { REFUSING_SOCKET, answerRefusal, isRefusedPacket } from './refused-message';

export interface TracedTcpServerOptions {
  host: string;
  port: number;
  /** This service's name, as `rpc.service` of the spans of its requests. */
  serviceName: string;
  /** Called once per message handled (the access log). */
  onHandled?: (entry: TcpAccessEntry) => void;
}

/** The server for `connectMicroservice`/`createMicroservice` (`strategy`), and its graceful stop. */
export type TracedTcpServer = CustomStrategy & Drainable;

/**
 * How long a connection must have been quiet (nothing in flight, no message received) before a
 * drain closes it: a message already on its way on it is answered rather than lost (Nest's TCP
 * protocol has no way to say "closing"). Also the grace before new requests are refused.
 */
export const QUIET_CONNECTION_GRACE_MS = 100;

/**
 * `reason` of the error packet answering a request refused by a draining server: the handler did
 * not run, so the caller may send it again on a new connection (TcpDependencyClient does, once).
 */
export const TCP_SHUTTING_DOWN_REASON = 'shutting-down';

/**
 * A Nest TCP server whose every message runs in a span continuing the
 * caller's trace: the context comes from the packet's metadata (written by
 * createTracedTcpClient's dispatch hook) and is current before guards, pipes,
 * interceptors and the handler run. Requests get SERVER spans, events CONSUMER spans.
 * Its `drain` (for exitOnSignals) stops accepting connections and closes each one once the
 * messages in flight on it are answered, where Nest's own close destroys them at once.
 */
export function createTracedTcpServer(options: TracedTcpServerOptions): TracedTcpServer {
  const server = new TracedServerTcp(
    { host: options.host, port: options.port, socketClass: REFUSING_SOCKET },
    options.serviceName,
  );
  server.setOnProcessingStartHook((_transport, rpcContext, done) => {
    const tcp = rpcContext as TcpContext;
    const pattern = tcp.getPattern();
    const isEvent = server.getHandlerByPattern(pattern)?.isEventHandler === true;
    const carrier = (tcp.getMetadata() ?? {}) as Record<string, string>;
    const parent = propagation.extract(ROOT_CONTEXT, carrier);
    const span = tracer.startSpan(
      isEvent ? `process ${pattern}` : pattern,
      {
        kind: isEvent ? SpanKind.CONSUMER : SpanKind.SERVER,
        attributes: isEvent
          ? {
              'messaging.system': NEST_TCP_SYSTEM,
              'messaging.destination.name': pattern,
              'messaging.operation.type': 'process',
            }
          : { 'rpc.system': NEST_TCP_SYSTEM, 'rpc.service': options.serviceName, 'rpc.method': pattern },
      },
      parent,
    );
    beginTcpMessage(tcp, { span, startedAt: performance.now(), isEvent });
    return context.with(trace.setSpan(parent, span), done);
  });
  server.setOnProcessingEndHook((_transport, rpcContext) => {
    const tcp = rpcContext as TcpContext;
    const message = endTcpMessage(tcp);
    if (!message) return;
    message.span.end();
    if (!options.onHandled) return;
    try {
      options.onHandled({
        pattern: tcp.getPattern(),
        kind: message.isEvent ? 'event' : 'request',
        status: message.status,
        durationMs: Math.round((performance.now() - message.startedAt) * 1000) / 1000,
        remoteAddress: tcp.getSocketRef()?.socket?.remoteAddress,
        spanContext: message.span.spanContext(),
      });
    } catch {
      // The access log never breaks message handling.
    }
  });
  return { strategy: server, drainName: 'TCP', drain: (timeoutMs) => server.drain(timeoutMs) };
}

/**
 * Nest's TCP server, except that a refused message (too deep) is answered with a 400 error packet
 * (a request) or dropped with a warning (an event, which has no answer), that a reply marked
 * dropped (dropTcpReply) is never written to the socket, and that it counts the messages in
 * flight on each connection, so that a drain can close a connection right after its last answer.
 */
class TracedServerTcp extends ServerTCP {
  constructor(
    options: { host: string; port: number; socketClass: typeof REFUSING_SOCKET },
    private readonly serviceName: string,
  ) {
    super(options);
  }

  private readonly refusals = new Logger('TracedServerTcp');
  private readonly inFlight = new Map<Socket, number>();
  private readonly lastActivity = new WeakMap<Socket, number>();
  private draining = false;
  private graceOver = false;
  private quietSweep?: NodeJS.Timeout;

  override async handleMessage(socket: TcpSocket, rawMessage: unknown): Promise<unknown> {
    if (!isRefusedPacket(rawMessage)) return super.handleMessage(socket, rawMessage);
    answerRefusal(rawMessage, socket, this.serializer, this.refusals);
  }

  protected override handleRequest(
    rpcContext: BaseRpcContext,
    produce: () => Promise<Observable<unknown>>,
    respond: (data: WritePacket) => Promise<unknown> | void,
  ): Promise<void> {
    if (this.graceOver) {
      // A connection that never goes quiet (one client multiplexes its calls on it) would keep the
      // drain waiting: past the grace, a new request gets a clear refusal instead of a handler.
      // Not counted as activity: the client moves to a new connection, and this one goes quiet.
      const err = {
        statusCode: 503,
        message: `${this.serviceName} is shutting down`,
        reason: TCP_SHUTTING_DOWN_REASON,
      };
      void respond({ err, isDisposed: true });
      return Promise.resolve();
    }
    const done = this.begin(rpcContext);
    const handled = super.handleRequest(rpcContext, produce, async (data) => {
      try {
        if (!isTcpReplyDropped(rpcContext)) await respond(data);
      } finally {
        // The last packet of an answer says isDisposed (an error's included).
        if (data.isDisposed) done();
      }
    }) as unknown as Promise<void>;
    // The handler failed before answering: nothing more will be written for it.
    void Promise.resolve(handled).catch(() => done());
    return handled;
  }

  override async handleEvent(pattern: string, packet: ReadPacket, rpcContext: BaseRpcContext): Promise<unknown> {
    const done = this.begin(rpcContext);
    try {
      return await super.handleEvent(pattern, packet, rpcContext);
    } finally {
      done();
    }
  }

  drain(timeoutMs: number): Promise<void> {
    if (!this.draining) {
      this.draining = true;
      this.server.close();
      setTimeout(() => (this.graceOver = true), QUIET_CONNECTION_GRACE_MS).unref();
      // A busy connection closes once quiet; a client told "shutting down" closes its own.
      this.quietSweep = setInterval(() => {
        const now = Date.now();
        for (const socket of this.openSockets) {
          const quietFor = now - (this.lastActivity.get(socket) ?? 0);
          if (!this.inFlight.get(socket) && quietFor >= QUIET_CONNECTION_GRACE_MS && !socket.writableEnded)
            socket.end();
        }
      }, QUIET_CONNECTION_GRACE_MS / 4);
      this.quietSweep.unref();
    }
    return socketsClosed(this.openSockets, timeoutMs).finally(() => clearInterval(this.quietSweep));
  }

  /** Counts one message in flight on its connection; the function returned ends it, once. */
  private begin(rpcContext: BaseRpcContext): () => void {
    const socket = this.touch(rpcContext);
    if (!socket) return () => undefined;
    this.inFlight.set(socket, (this.inFlight.get(socket) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.lastActivity.set(socket, Date.now());
      const left = (this.inFlight.get(socket) ?? 1) - 1;
      if (left > 0) this.inFlight.set(socket, left);
      else this.inFlight.delete(socket);
    };
  }

  /** Notes a message received on its connection (the drain closes only quiet ones). */
  private touch(rpcContext: BaseRpcContext): Socket | undefined {
    const socket = (rpcContext as TcpContext).getSocketRef()?.netSocket;
    if (socket) this.lastActivity.set(socket, Date.now());
    return socket;
  }
}
