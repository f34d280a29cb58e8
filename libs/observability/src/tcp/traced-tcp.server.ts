import { SpanKind, ROOT_CONTEXT, context, propagation, trace } from '@opentelemetry/api';
import {
  type BaseRpcContext,
  type CustomStrategy,
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
import { depthLimitedJsonSocket } from './depth-limited-json.socket';

export interface TracedTcpServerOptions {
  host: string;
  port: number;
  /** This service's name, as `rpc.service` of the spans of its requests. */
  serviceName: string;
  /** Called once per message handled (the access log). */
  onHandled?: (entry: TcpAccessEntry) => void;
}

/**
 * A Nest TCP server whose every message runs in a span continuing the
 * caller's trace: the context comes from the packet's metadata (written by
 * createTracedTcpClient's dispatch hook) and is current before guards, pipes,
 * interceptors and the handler run. Requests get SERVER spans, events CONSUMER spans.
 */
export function createTracedTcpServer(options: TracedTcpServerOptions): CustomStrategy {
  const server = new TracedServerTcp({ host: options.host, port: options.port, socketClass: REFUSING_SOCKET });
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
  return { strategy: server };
}

/** Marks the packet that stands for a refused message (see REFUSING_SOCKET); a symbol no JSON can carry. */
const REFUSED = Symbol('refused TCP message');

interface RefusedPacket {
  [REFUSED]: string;
  id?: string;
  pattern?: string;
}

function isRefusedPacket(value: unknown): value is RefusedPacket {
  return typeof value === 'object' && value !== null && REFUSED in value;
}

/** Messages nesting deeper than MAX_JSON_DEPTH arrive as a refusal, never as data for the handlers' recursive walks. */
const REFUSING_SOCKET = depthLimitedJsonSocket((head, error) => ({
  ...head,
  [REFUSED]: `Message is not valid JSON: ${error.message}`,
}));

/**
 * Nest's TCP server, except that a refused message is answered with a 400
 * error packet (a request) or dropped with a warning (an event, which has no
 * answer), and a reply marked dropped (dropTcpReply) is never written to the socket.
 */
class TracedServerTcp extends ServerTCP {
  private readonly refusals = new Logger('TracedServerTcp');

  override async handleMessage(socket: TcpSocket, rawMessage: unknown): Promise<unknown> {
    if (!isRefusedPacket(rawMessage)) return super.handleMessage(socket, rawMessage);
    const message = rawMessage[REFUSED];
    const pattern = rawMessage.pattern ?? 'message without pattern';
    if (rawMessage.id === undefined) {
      this.refusals.warn(`${pattern} (event) dropped: ${message}`);
      return;
    }
    this.refusals.warn(`${pattern} refused: ${message}`);
    const err = { statusCode: 400, error: 'Bad Request', message };
    socket.sendMessage(this.serializer.serialize({ id: rawMessage.id, err, isDisposed: true }));
  }

  protected override handleRequest(
    rpcContext: BaseRpcContext,
    produce: () => Promise<Observable<unknown>>,
    respond: (data: WritePacket) => Promise<unknown> | void,
  ): void {
    super.handleRequest(rpcContext, produce, (data) => (isTcpReplyDropped(rpcContext) ? undefined : respond(data)));
  }
}
