import type { OnApplicationShutdown } from '@nestjs/common';
import type { ClientTCP } from '@nestjs/microservices';
import {
  TCP_SHUTTING_DOWN_REASON,
  type TcpCallTarget,
  createTracedTcpClient,
  traceTcpEvent,
  traceTcpRequest,
} from '@app/observability';
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
  private client: ClientTCP;
  private readonly target: TcpCallTarget;
  /** Calls under way on each connection: one the peer is draining is closed once its calls settle. */
  private readonly pending = new Map<ClientTCP, number>();

  constructor(private readonly options: TcpDependencyOptions) {
    this.target = { dependency: options.name, host: options.host, port: options.port };
    this.client = createTracedTcpClient(this.target);
  }

  /** Runs one call on the current connection, counted, so that a retired connection closes after its last call. */
  private async on<T>(use: (client: ClientTCP) => Promise<T>): Promise<T> {
    const client = this.client;
    this.pending.set(client, (this.pending.get(client) ?? 0) + 1);
    try {
      return await use(client);
    } finally {
      const left = (this.pending.get(client) ?? 1) - 1;
      if (left > 0) this.pending.set(client, left);
      else {
        this.pending.delete(client);
        if (client !== this.client) client.close();
      }
    }
  }

  /**
   * The peer is draining (it refused a message unhandled): new calls go on a new connection, which
   * reaches whoever listens now (or is refused at once), while the calls under way on the old one
   * get their answers; it is closed after the last (closing it at once would cut them off).
   */
  private retire(client: ClientTCP): void {
    if (client !== this.client) return;
    this.client = createTracedTcpClient(this.target);
    if (!this.pending.has(client)) client.close();
  }

  /** Request/response (traced as a CLIENT span): resolves with the handler's answer. */
  send<TResult, TInput = unknown>(pattern: string, payload: TInput): Promise<TResult> {
    const call = () =>
      this.on((client) =>
        firstValueFrom(
          client.send<TResult, TInput>(pattern, payload).pipe(timeout({ first: this.options.timeoutMs })),
        ).catch((error: unknown) => {
          if (isRecord(error) && error.reason === TCP_SHUTTING_DOWN_REASON) this.retire(client);
          throw error;
        }),
      );
    return traceTcpRequest(this.target, pattern, async () => {
      try {
        // Refused unhandled by a draining peer: safe to send once more, on the new connection.
        return await call().catch((error: unknown) => {
          if (!isRecord(error) || error.reason !== TCP_SHUTTING_DOWN_REASON) throw error;
          return call();
        });
      } catch (error) {
        throw this.toException(error);
      }
    });
  }

  /** Event (traced as a PRODUCER span): resolves once handed to the peer's connection; no answer is awaited. */
  emit<TInput = unknown>(pattern: string, payload: TInput): Promise<void> {
    return traceTcpEvent(this.target, pattern, async () => {
      try {
        await this.on((client) =>
          lastValueFrom(
            client.emit<unknown, TInput>(pattern, payload).pipe(timeout({ first: this.options.timeoutMs })),
            { defaultValue: undefined },
          ),
        );
      } catch (error) {
        throw this.toException(error);
      }
    });
  }

  onApplicationShutdown(): void {
    this.client.close();
    for (const retired of this.pending.keys()) retired.close();
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
