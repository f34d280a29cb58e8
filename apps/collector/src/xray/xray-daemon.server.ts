import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { isIPv6 } from 'node:net';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { COLLECTOR_CONFIG } from '../collector.constants';
import { refusedInputWarning } from '../common/refused-input.warning';
import type { CollectorConfig } from '../collector.config';
import { StatsService } from '../common/stats.service';
import { segmentFromDatagram } from './daemon-datagram.parser';
import { SegmentIngestService } from './segment.ingest.service';

/**
 * The X-Ray daemon's UDP side: one segment document per datagram, as the
 * X-Ray SDKs send them. A bad datagram is counted and logged (at most once a
 * second, so a misbehaving sender cannot flood the log) and changes nothing else.
 */
@Injectable()
export class XrayDaemonServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(XrayDaemonServer.name);
  private readonly warnings = refusedInputWarning(this.logger);
  private socket?: Socket;

  constructor(
    @Inject(COLLECTOR_CONFIG) private readonly config: CollectorConfig,
    private readonly ingest: SegmentIngestService,
    private readonly stats: StatsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const socket = createSocket({ type: isIPv6(this.config.host) ? 'udp6' : 'udp4' });
    socket.on('message', (datagram, sender) => this.receive(datagram, `${sender.address}:${sender.port}`));
    socket.bind(this.config.xrayDaemonPort, this.config.host);
    await once(socket, 'listening'); // rejects on a bind error (port in use), as start-up must
    // After binding, a socket error (rare for UDP) must not crash the collector.
    socket.on('error', (error) => this.logger.error(`X-Ray daemon socket error: ${error.message}`));
    this.socket = socket;
  }

  onApplicationShutdown(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    return new Promise((resolve) => (socket ? socket.close(() => resolve()) : resolve()));
  }

  private receive(datagram: Buffer, sender: string): void {
    this.stats.countArrival('xrayDaemonDatagrams');
    let document: string;
    try {
      document = segmentFromDatagram(datagram);
    } catch (error) {
      this.stats.count('xray_udp', 'rejected');
      this.warnings.warn(`rejected a datagram from ${sender}: ${(error as Error).message}`);
      return;
    }
    const result = this.ingest.ingest(document, 'xray_udp');
    if (!result.ok) {
      const which = result.id ? ` (segment ${result.id})` : '';
      this.warnings.warn(`rejected a segment from ${sender}${which}: ${result.message}`);
    }
  }
}
