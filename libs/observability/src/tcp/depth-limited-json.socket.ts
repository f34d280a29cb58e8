import type { Socket } from 'node:net';
import type { Type } from '@nestjs/common';
import { JsonSocket, type TcpSocket } from '@nestjs/microservices';
import { JsonTooDeepError, assertJsonDepth } from '@app/common';

/** The top-level fields of a refused message that an answer needs: Nest's packets keep them at the top (its ids are strings). */
export interface RefusedPacketHead {
  id?: string;
  pattern?: string;
}

/** What a socket emits in place of a message nesting too deep (a server's refusal, a client's failed reply). */
export type TooDeepPacket = (head: RefusedPacketHead, error: JsonTooDeepError) => Record<string, unknown>;

function headOf(data: string): RefusedPacketHead | undefined {
  let parsed: unknown;
  try {
    // V8's JSON.parse is iterative: safe at any depth. Only the walks after it are not, and none runs on this value.
    parsed = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const { id, pattern } = parsed as Record<string, unknown>;
  return {
    ...(typeof id === 'string' ? { id } : {}),
    ...(typeof pattern === 'string' ? { pattern } : {}),
  };
}

/**
 * Nest's JSON socket, checking each message against `MAX_JSON_DEPTH` before
 * it is handed on: a message nesting deeper is replaced by what `tooDeep`
 * builds from its `id` and `pattern`, so the peer gets an answer and the
 * connection, with the messages after it, keeps working. Use it as the
 * `socketClass` of a TCP server or client.
 */
export function depthLimitedJsonSocket(tooDeep: TooDeepPacket): Type<TcpSocket> {
  return class DepthLimitedJsonSocket extends JsonSocket {
    constructor(socket: Socket) {
      super(socket);
    }

    protected override emitMessage(data: string): void {
      try {
        assertJsonDepth(data);
      } catch (error) {
        if (!(error instanceof JsonTooDeepError)) throw error;
        const head = headOf(data);
        // Not JSON at all: Nest's own handling (an error on the socket, which is then closed).
        if (!head) return super.emitMessage(data);
        this.socket.emit('message', tooDeep(head, error));
        return;
      }
      super.emitMessage(data);
    }
  };
}
