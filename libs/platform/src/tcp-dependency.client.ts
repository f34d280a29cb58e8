import type { OnApplicationShutdown } from '@nestjs/common';
import type { ClientTCP } from '@nestjs/microservices';
import { type TcpCallTarget, createTracedTcpClient, traceTcpEvent, traceTcpRequest } from '@app/observability';
import { TimeoutError, firstValueFrom, lastValueFrom, timeout } from 'rxjs';
import {
  DependencyFailedException,
  DependencyTimeoutException,
  DependencyUnavailableException,
  isUnreachableError,
  upstreamErrorToException,
} from './dependency.exceptions';

export interface TcpDependencyOptions {
  /** Name of the dependency, used in error answers and logs. */
  name: string;
  host: string;
  port: number;
  /** Time allowed for connecting and answering (request/response) or for handing an event over. */
  timeoutMs: number;
}

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
  private readonly target: TcpCallTarget;

  constructor(private readonly options: TcpDependencyOptions) {
    this.target = { dependency: options.name, host: options.host, port: options.port };
    this.client = createTracedTcpClient(this.target);
  }

  /** Request/response (traced as a CLIENT span): resolves with the handler's answer. */
  send<TResult, TInput = unknown>(pattern: string, payload: TInput): Promise<TResult> {
    return traceTcpRequest(this.target, pattern, async () => {
      try {
        return await firstValueFrom(
          this.client.send<TResult, TInput>(pattern, payload).pipe(timeout({ first: this.options.timeoutMs })),
        );
      } catch (error) {
        throw this.toException(error);
      }
    });
  }

  /** Event (traced as a PRODUCER span): resolves once handed to the peer's connection; no answer is awaited. */
  emit<TInput = unknown>(pattern: string, payload: TInput): Promise<void> {
    return traceTcpEvent(this.target, pattern, async () => {
      try {
        await lastValueFrom(
          this.client.emit<unknown, TInput>(pattern, payload).pipe(timeout({ first: this.options.timeoutMs })),
          { defaultValue: undefined },
        );
      } catch (error) {
        throw this.toException(error);
      }
    });
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
