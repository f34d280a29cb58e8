import type { ServerResponse } from 'node:http';
import { HttpException, Logger } from '@nestjs/common';
import { ProtocolError } from '../common/protocol.error';

/** An error as X-Ray's rest-json protocol carries it. */
export interface XrayErrorAnswer {
  status: number;
  /** Goes in `x-amzn-ErrorType`, from which the SDKs pick the exception class. */
  code: string;
  message: string;
}

const logger = new Logger('XrayApi');

/**
 * The X-Ray answer for an exception: ProtocolErrors keep their status and
 * code (the body reader's generic BadRequest becomes InvalidRequestException,
 * the code X-Ray uses for every malformed request); anything unexpected is a
 * 500 InternalFailure, logged with its stack and not shown to the client.
 */
export function xrayErrorOf(exception: unknown): XrayErrorAnswer {
  if (exception instanceof ProtocolError) {
    const code = exception.code === 'BadRequest' ? 'InvalidRequestException' : exception.code;
    return { status: exception.status, code, message: exception.message };
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    return { status: exception.getStatus(), code: 'InvalidRequestException', message: exception.message };
  }
  logger.error(`X-Ray request failed: ${exception instanceof Error ? exception.stack : String(exception)}`);
  return {
    status: 500,
    code: 'InternalFailure',
    message: 'The request processing has failed because of an unknown error',
  };
}

/** Writes an error in AWS rest-json form: status, `x-amzn-ErrorType` and `{"message": …}`. */
export function writeXrayError(response: ServerResponse, answer: XrayErrorAnswer): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const body = JSON.stringify({ message: answer.message });
  response.writeHead(answer.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-errortype': answer.code,
  });
  response.end(body);
}

/** Writes a successful rest-json answer. */
export function writeXrayJson(response: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
