import type { LoggerService } from '@nestjs/common';
import type { TcpSocket } from '@nestjs/microservices';
import { depthLimitedJsonSocket } from './depth-limited-json.socket';

/** Marks the packet that stands for a refused message (see REFUSING_SOCKET); a symbol no JSON can carry. */
const REFUSED = Symbol('refused TCP message');

/** A message the socket refused: why, and what an answer needs of it. */
export interface RefusedPacket {
  [REFUSED]: string;
  id?: string;
  pattern?: string;
}

/** Whether a packet from REFUSING_SOCKET stands for a refused message. */
export function isRefusedPacket(value: unknown): value is RefusedPacket {
  return typeof value === 'object' && value !== null && REFUSED in value;
}

/** Messages nesting deeper than MAX_JSON_DEPTH arrive as a refusal, never as data for the handlers' recursive walks. */
export const REFUSING_SOCKET = depthLimitedJsonSocket((head, error) => ({
  ...head,
  [REFUSED]: `Message is not valid JSON: ${error.message}`,
}));

/**
 * Answers a refused request with a 400 error packet naming what is wrong, or drops a refused
 * event (it has no answer) with a warning: the handlers never see the message.
 */
export function answerRefusal(
  packet: RefusedPacket,
  socket: TcpSocket,
  serializer: { serialize(value: unknown): unknown },
  logger: LoggerService,
): void {
  const message = packet[REFUSED];
  const pattern = packet.pattern ?? 'message without pattern';
  if (packet.id === undefined) {
    logger.warn(`${pattern} (event) dropped: ${message}`);
    return;
  }
  logger.warn(`${pattern} refused: ${message}`);
  const err = { statusCode: 400, error: 'Bad Request', message };
  socket.sendMessage(serializer.serialize({ id: packet.id, err, isDisposed: true }));
}
