import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProtocolError } from '../common/protocol.error';
import { XrayOtlpSigningError, writeXrayError } from '../xray';
import { encodeRpcStatus } from './otlp.codec';
import { OtlpRequestError } from './otlp-values';

/** gRPC status codes used in OTLP/HTTP error bodies. */
const INVALID_ARGUMENT = 3;
const INTERNAL = 13;

/**
 * Renders OTLP errors as the specification asks: the HTTP status, and a
 * google.rpc.Status body in the request's own encoding (protobuf or JSON)
 * whose message says what is wrong (a request signed for X-Ray that its OTLP endpoint
 * refuses: AWS's JSON error, `x-amzn-ErrorType` and `{"message"}`). Anything unexpected (a 5xx) is logged
 * with its stack and answered with a bare "internal error".
 */
@Catch()
export class OtlpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('OtlpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    let status: number;
    let message: string;
    if (exception instanceof XrayOtlpSigningError) {
      // Refused before the body is read, as AWS does: its JSON error form, as the AWS SDKs read it.
      return writeXrayError(response, { status: exception.status, code: exception.code, message: exception.message });
    }
    if (exception instanceof OtlpRequestError) {
      [status, message] = [400, exception.message];
    } else if (exception instanceof ProtocolError) {
      [status, message] = [exception.status, exception.message];
    } else if (exception instanceof HttpException && exception.getStatus() < 500) {
      [status, message] = [exception.getStatus(), exception.message];
    } else {
      this.logger.error(
        `${request.method} ${request.originalUrl} failed: ${exception instanceof Error ? exception.stack : String(exception)}`,
      );
      [status, message] = [500, 'internal error'];
    }
    const code = status >= 500 ? INTERNAL : INVALID_ARGUMENT;
    if (response.headersSent) return void response.end();
    if (request.is('application/x-protobuf')) {
      response
        .status(status)
        .type('application/x-protobuf')
        .send(Buffer.from(encodeRpcStatus(code, message)));
    } else {
      response.status(status).json({ code, message });
    }
  }
}
