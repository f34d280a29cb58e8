import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { HttpExceptionFilter } from './http-exception.filter';
import { RpcExceptionFilter } from './rpc-exception.filter';

/**
 * The one global filter of every app: HTTP errors become JSON answers, TCP
 * handler errors become `{statusCode, message}` error packets. One filter for
 * both, because a hybrid app (HTTP + TCP) shares its global filters.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly http = new HttpExceptionFilter();
  private readonly rpc = new RpcExceptionFilter();

  catch(exception: unknown, host: ArgumentsHost): unknown {
    return host.getType() === 'rpc' ? this.rpc.catch(exception, host) : this.http.catch(exception, host);
  }
}
