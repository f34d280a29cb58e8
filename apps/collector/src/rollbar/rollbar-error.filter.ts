import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { refusedInputWarning } from '../common/refused-input.warning';
import { ProtocolError } from '../common/protocol.error';
import { StatsService } from '../common/stats.service';

/**
 * Renders errors as Rollbar's API does, `{"err": 1, "message": ...}` with the
 * status, which the rollbar client reports as "Api error: <message>".
 * Anything unexpected is a logged 500.
 */
@Catch()
export class RollbarErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Rollbar');
  private readonly warnings = refusedInputWarning(this.logger);

  constructor(private readonly stats: StatsService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    let status: number;
    let message: string;
    if (exception instanceof ProtocolError || (exception instanceof HttpException && exception.getStatus() < 500)) {
      status = exception instanceof ProtocolError ? exception.status : exception.getStatus();
      message = exception.message;
      this.stats.count('rollbar', 'rejected');
      this.warnings.warn(`refused an item (${status}): ${message}`);
    } else {
      status = 500;
      message = 'The collector failed to handle the item; see its log.';
      this.logger.error(
        `${request.method} ${request.originalUrl} failed: ${exception instanceof Error ? exception.stack : String(exception)}`,
      );
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(status).json({ err: 1, message });
  }
}
