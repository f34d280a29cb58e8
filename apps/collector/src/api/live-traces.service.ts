import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { CollectorConfig } from '../collector.config';
import { COLLECTOR_CONFIG } from '../collector.constants';
import { SafeTraceReader } from '../store/safe-trace.reader';
import { TraceStore } from '../store/trace.store';
import { factsOf } from './trace-facts';

/** At most this many live clients at once; more are refused with 503. */
export const MAX_LIVE_CLIENTS = 20;
/** Pending traces are written to each client at this pace: faster changes coalesce into one event. */
export const LIVE_FLUSH_MS = 250;
/** A client may have this many distinct traces pending; beyond, the oldest pending are dropped (and counted). */
export const LIVE_MAX_PENDING = 500;

interface LiveClient {
  response: ServerResponse;
  /** Trace id → whether the client has not been told of it yet (`trace` rather than `updated`), in arrival order. */
  pending: Map<string, boolean>;
  /** Pending traces dropped since the last flush (told to the client in a `dropped` event). */
  dropped: number;
  /** The socket refused more: wait for `drain` before writing again. */
  blocked: boolean;
}

export interface LiveStats {
  clients: number;
  maxClients: number;
  refusedClients: number;
  sentEvents: number;
  droppedEvents: number;
}

/**
 * The live feed of the trace list (server-sent events). Each write to the
 * store marks the trace pending for every client; every LIVE_FLUSH_MS the
 * pending traces are written, each as one event with its list item as it is
 * then (`trace` the first time the trace is stored, `updated` after): bursts
 * coalesce. A client whose socket is full gets nothing until it drains, and
 * keeps at most LIVE_MAX_PENDING traces pending: older ones are dropped,
 * counted, and announced to it by a `dropped` event with the count.
 */
@Injectable()
export class LiveTracesService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveTracesService.name);
  private readonly clients = new Set<LiveClient>();
  private unsubscribe?: () => void;
  private flushTimer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;
  private refusedClients = 0;
  private sentEvents = 0;
  private droppedEvents = 0;

  constructor(
    private readonly traces: TraceStore,
    /** A comment line this often keeps proxies and the browser from closing an idle stream. */
    @Inject(COLLECTOR_CONFIG) private readonly config: Pick<CollectorConfig, 'liveHeartbeatMs'>,
    private readonly reader: SafeTraceReader,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.traces.subscribe((record, created) => {
      for (const client of this.clients) this.mark(client, record.traceId, created);
    });
    this.flushTimer = setInterval(() => this.flushAll(), LIVE_FLUSH_MS).unref();
    this.heartbeatTimer = setInterval(() => this.heartbeat(), this.config.liveHeartbeatMs).unref();
  }

  /** Ends every stream, so that the HTTP server can close. */
  onModuleDestroy(): void {
    this.unsubscribe?.();
    clearInterval(this.flushTimer);
    clearInterval(this.heartbeatTimer);
    for (const client of this.clients) client.response.end();
    this.clients.clear();
  }

  /** Whether another client may connect; counts the refusal when not. */
  admit(): boolean {
    if (this.clients.size < MAX_LIVE_CLIENTS) return true;
    this.refusedClients += 1;
    return false;
  }

  /** Starts the event stream on `response` (headers already checked by admit). */
  attach(response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write(`retry: 3000\n: connected, at most one event per trace every ${LIVE_FLUSH_MS} ms\n\n`);
    const client: LiveClient = { response, pending: new Map(), dropped: 0, blocked: false };
    this.clients.add(client);
    response.on('drain', () => {
      client.blocked = false;
    });
    response.on('close', () => this.clients.delete(client));
  }

  stats(): LiveStats {
    return {
      clients: this.clients.size,
      maxClients: MAX_LIVE_CLIENTS,
      refusedClients: this.refusedClients,
      sentEvents: this.sentEvents,
      droppedEvents: this.droppedEvents,
    };
  }

  private mark(client: LiveClient, traceId: string, created: boolean): void {
    const wasNew = client.pending.get(traceId);
    // Re-insert at the end: the map's order is the order of the latest change.
    client.pending.delete(traceId);
    client.pending.set(traceId, wasNew === true || created);
    while (client.pending.size > LIVE_MAX_PENDING) {
      const oldest = client.pending.keys().next().value as string;
      client.pending.delete(oldest);
      client.dropped += 1;
      this.droppedEvents += 1;
    }
  }

  private flushAll(): void {
    for (const client of this.clients) {
      try {
        this.flush(client);
      } catch (error) {
        this.logger.error(`live client dropped: ${(error as Error).message}`);
        client.response.destroy();
        this.clients.delete(client);
      }
    }
  }

  private flush(client: LiveClient): void {
    if (client.blocked || (client.pending.size === 0 && client.dropped === 0)) return;
    const chunks: string[] = [];
    if (client.dropped > 0) {
      chunks.push(`event: dropped\ndata: ${JSON.stringify({ count: client.dropped })}\n\n`);
      client.dropped = 0;
    }
    for (const [traceId, created] of client.pending) {
      const record = this.traces.get(traceId);
      const item = record && this.reader.one(record, (readable) => factsOf(readable).item);
      if (!item) continue;
      chunks.push(`event: ${created ? 'trace' : 'updated'}\ndata: ${JSON.stringify(item)}\n\n`);
    }
    this.sentEvents += client.pending.size;
    client.pending.clear();
    if (!client.response.write(chunks.join(''))) client.blocked = true;
  }

  private heartbeat(): void {
    for (const client of this.clients) if (!client.blocked) client.response.write(`: heartbeat ${Date.now()}\n\n`);
  }
}
