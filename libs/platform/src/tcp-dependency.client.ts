import { type OnApplicationShutdown, HttpException } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import { ClientTCP } from '@nestjs/microservices';
import { TimeoutError, firstValueFrom, lastValueFrom, timeout } from 'rxjs';
import {
  DependencyFailedException,
  DependencyTimeoutException,
  DependencyUnavailableException,
  isUnreachableError,
  upstreamErrorToException,
} from './dependency.exceptions';
import { PEER_SERVICE, RPC_STATUS_CODE, traceDependencyCall, traceHeaders } from './dependency.tracing';

export interface TcpDependencyOptions {
  /** Name of the dependency, used in error answers and logs. */
  name: string;
  host: string;
  port: number;
  /** Time allowed for connecting and answering (request/response) or for handing an event over. */
  timeoutMs: number;
}

/** `rpc.system` / `messaging.system` of Nest's TCP transport (no registered value exists for it). */
export const RPC_SYSTEM = 'nestjs_tcp';

const statusOf = (error: unknown): number | undefined => (error instanceof HttpException ? error.getStatus() : undefined);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * A Nest TCP-transport client for one dependency, with a timeout on every call
 * and failures turned into HttpExceptions that name the dependency.
 * The underlying ClientTCP connects lazily and, after the peer went away,
 * reconnects on the next call: nothing has to be restarted when the peer comes back.
 */
export class TcpDependencyClient implements OnApplicationShutdown {
  private readonly client: ClientTCP;

  constructor(private readonly options: TcpDependencyOptions) {
    this.client = new ClientTCP({ host: options.host, port: options.port });
    // The active context (the CLIENT or PRODUCER span below) travels in the packet's metadata.
    this.client.setOnDispatchHook((packet) => {
      packet.metadata = { ...packet.metadata, ...traceHeaders() };
    });
  }

  get name(): string {
    return this.options.name;
  }

  /** Request/response, in a CLIENT span: resolves with the handler's answer. */
  send<TResult, TInput = unknown>(pattern: string, payload: TInput): Promise<TResult> {
    const attributes = {
      'rpc.system': RPC_SYSTEM,
      'rpc.service': this.options.name,
      'rpc.method': pattern,
      'server.address': this.options.host,
      'server.port': this.options.port,
      [PEER_SERVICE]: this.options.name,
    };
    return traceDependencyCall(
      pattern,
      SpanKind.CLIENT,
      attributes,
      async (span) => {
        try {
          const answer = await firstValueFrom(
            this.client.send<TResult, TInput>(pattern, payload).pipe(timeout({ first: this.options.timeoutMs })),
          );
          span.setAttribute(RPC_STATUS_CODE, 200);
          return answer;
        } catch (error) {
          throw this.toException(error);
        }
      },
      statusOf,
    );
  }

  /** Event, in a PRODUCER span: resolves once the event has been handed to the peer's connection; no answer is awaited. */
  emit<TInput = unknown>(pattern: string, payload: TInput): Promise<void> {
    const attributes = {
      'messaging.system': RPC_SYSTEM,
      'messaging.destination.name': pattern,
      'messaging.operation.type': 'send',
      'messaging.operation.name': 'emit',
      'server.address': this.options.host,
      'server.port': this.options.port,
      [PEER_SERVICE]: this.options.name,
    };
    return traceDependencyCall(
      `send ${pattern}`,
      SpanKind.PRODUCER,
      attributes,
      async () => {
        try {
          await lastValueFrom(
            this.client.emit<unknown, TInput>(pattern, payload).pipe(timeout({ first: this.options.timeoutMs })),
            { defaultValue: undefined },
          );
        } catch (error) {
          throw this.toException(error);
        }
      },
      statusOf,
    );
  }

  onApplicationShutdown(): void {
    this.client.close();
  }

  private toException(error: unknown): Error {
    const { name, timeoutMs } = this.options;
    if (error instanceof TimeoutError) return new DependencyTimeoutException(name, timeoutMs);
    if (isUnreachableError(error)) {
      return new DependencyUnavailableException(name, error);
    }
    // Errors raised by the peer's handlers arrive as plain objects (see RpcExceptionFilter).
    if (isRecord(error) && typeof error.statusCode === 'number') {
      return upstreamErrorToException(name, error.statusCode, error);
    }
    return new DependencyFailedException(name, 'unexpected answer', error);
  }
}
