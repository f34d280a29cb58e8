import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { refusedInputWarning } from '../common/refused-input.warning';
import { ProtocolError } from '../common/protocol.error';
import { StatsService } from '../common/stats.service';
import { AMZ_JSON_1_1 } from './logs.constants';

/** Errors that are normal answers to well-formed calls, not refused requests (clients probe with them). */
const NOT_REJECTIONS = new Set(['ResourceNotFoundException', 'ResourceAlreadyExistsException']);

/**
 * Renders errors the way AWS JSON protocols do, so SDKs raise the modeled
 * exception: the status, `x-amzn-ErrorType`, and `{"__type", "message"}`.
 * Anything unexpected is a logged 500 `ServiceUnavailableException`.
 */
@Catch()
export class CloudWatchErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('CloudWatchLogs');
  private readonly warnings = refusedInputWarning(this.logger);

  constructor(private readonly stats: StatsService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const { status, code, message } = this.describe(exception, request);
    if (status < 500 && !NOT_REJECTIONS.has(code)) {
      this.stats.count('cloudwatch_logs', 'rejected');
      this.warnings.warn(`refused ${String(request.headers['x-amz-target'] ?? 'a call')}: ${code}: ${message}`);
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    response
      .status(status)
      .setHeader('x-amzn-ErrorType', code)
      .setHeader('Content-Type', AMZ_JSON_1_1)
      .send(JSON.stringify({ __type: code, message }));
  }

  private describe(exception: unknown, request: Request): { status: number; code: string; message: string } {
    if (exception instanceof ProtocolError)
      return { status: exception.status, code: exception.code, message: exception.message };
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      return { status: exception.getStatus(), code: 'InvalidParameterException', message: exception.message };
    }
    this.logger.error(
      `${request.method} ${request.originalUrl} (${String(request.headers['x-amz-target'])}) failed: ${
        exception instanceof Error ? exception.stack : String(exception)
      }`,
    );
    return {
      status: 500,
      code: 'ServiceUnavailableException',
      message: 'The collector failed to handle the request; see its log.',
    };
  }
}
