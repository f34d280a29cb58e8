import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

/** A document as it crossed the wire: the parsed JSON after the daemon protocol's header line. */
export type WireDocument = Record<string, unknown>;

/**
 * A stand-in X-Ray daemon for specs: a UDP socket on 127.0.0.1 that keeps
 * every datagram, checks the protocol header and parses the document, so
 * specs assert on exactly what the processor sent.
 */
export class UdpDaemonFixture {
  /** Each datagram's document, exactly as it arrived (a segment may carry nested subsegments). */
  readonly datagrams: WireDocument[] = [];
  /**
   * Every (sub)segment received, as X-Ray reads them: one entry per document, nested
   * subsegments taken out of their parent's `subsegments` and given the `type`,
   * `trace_id` and `parent_id` their place there says (as an independent one carries them).
   */
  readonly documents: WireDocument[] = [];
  readonly headers: string[] = [];
  private listeners: Array<() => void> = [];

  private constructor(private readonly socket: Socket) {
    socket.on('message', (datagram) => {
      const text = datagram.toString('utf8');
      const newline = text.indexOf('\n');
      this.headers.push(text.slice(0, newline));
      const document = JSON.parse(text.slice(newline + 1)) as WireDocument;
      this.datagrams.push(document);
      this.documents.push(...flatten(document));
      for (const listener of this.listeners) listener();
    });
  }

  static async start(): Promise<UdpDaemonFixture> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new UdpDaemonFixture(socket);
  }

  /** `host:port`, as the processor's `daemonAddress` wants it. */
  get address(): string {
    const { address, port } = this.socket.address() as AddressInfo;
    return `${address}:${port}`;
  }

  /** Resolves with the documents once `count` have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs = 2000): Promise<WireDocument[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.documents.length < count) return false;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((listener) => listener !== onMessage);
        resolve(this.documents.slice());
        return true;
      };
      const onMessage = () => void check();
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((listener) => listener !== onMessage);
        reject(new Error(`expected ${count} documents within ${timeoutMs} ms, got ${this.documents.length}`));
      }, timeoutMs);
      if (!check()) this.listeners.push(onMessage);
    });
  }

  /** The document with this id (span id). */
  byId(id: string): WireDocument {
    const document = this.documents.find((candidate) => candidate.id === id);
    if (!document)
      throw new Error(`no document with id ${id} among ${this.documents.map((d) => String(d.id)).join(', ')}`);
    return document;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

/** The document and every subsegment nested in it, each on its own (see UdpDaemonFixture.documents). */
function flatten(document: WireDocument): WireDocument[] {
  const { subsegments, ...own } = document;
  const nested = Array.isArray(subsegments) ? (subsegments as WireDocument[]) : [];
  return [
    own,
    ...nested.flatMap((child) =>
      flatten({ ...child, type: 'subsegment', trace_id: document.trace_id, parent_id: document.id }),
    ),
  ];
}
