import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { messageOf } from '@app/common';
import { bodyBytesOf } from '../common/body.reader';
import { redactHeaders } from './header.redactor';
import { INTAKE_RECEIVER } from './intake.constants';
import { IntakeLog } from './intake.log';
import type { ReceiverOf } from './record-intake.decorator';

/**
 * Writes a request of a RecordIntake controller into the intake record once its answer is
 * sent (or the client has gone), with the status and the bytes read. The record can never
 * fail the request: trouble writing it is logged.
 */
@Injectable()
export class IntakeInterceptor implements NestInterceptor {
  private readonly logger = new Logger('IntakeLog');

  constructor(
    private readonly reflector: Reflector,
    private readonly log: IntakeLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler<unknown>): Observable<unknown> {
    const receiverOf = this.reflector.getAllAndOverride<ReceiverOf | undefined>(INTAKE_RECEIVER, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (receiverOf !== undefined && context.getType() === 'http') {
      const http = context.switchToHttp();
      this.recordOnClose(http.getRequest<IncomingMessage & { originalUrl?: string }>(), http.getResponse(), receiverOf);
    }
    return next.handle();
  }

  private recordOnClose(
    request: IncomingMessage & { originalUrl?: string },
    response: ServerResponse,
    receiverOf: ReceiverOf,
  ): void {
    const time = new Date().toISOString();
    response.once('close', () => {
      try {
        const declared = Number(request.headers['content-length']);
        const bytes = bodyBytesOf(request) ?? (Number.isSafeInteger(declared) ? declared : undefined);
        const { 'content-type': contentType, 'content-encoding': contentEncoding } = request.headers;
        this.log.record({
          time,
          method: request.method ?? 'GET',
          path: (request.originalUrl ?? request.url ?? '/').split('?')[0],
          receiver: typeof receiverOf === 'function' ? receiverOf(request) : receiverOf,
          status: response.writableFinished ? response.statusCode : 0,
          ...(contentType ? { contentType } : {}),
          ...(contentEncoding ? { contentEncoding } : {}),
          ...(bytes !== undefined ? { bytes } : {}),
          headers: redactHeaders(request.headers),
        });
      } catch (error) {
        this.logger.warn(`could not record a request in the intake record: ${messageOf(error)}`);
      }
    });
  }
}
