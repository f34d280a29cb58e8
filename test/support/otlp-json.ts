import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { request } from './http';

export const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** A fresh trace id whose first 8 digits are the current epoch second, as X-Ray requires. */
export const newTraceId = (): string => Math.floor(Date.now() / 1000).toString(16) + hex(12);

export const xrayIdOf = (traceId: string): string => `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;

const KINDS = { INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;

/** One span to post, times in epoch milliseconds. */
export interface SpanSpec {
  service: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: keyof typeof KINDS;
  startMs: number;
  endMs: number;
  attributes?: Record<string, string | number | string[]>;
  error?: boolean;
}

const nanos = (ms: number) => String(BigInt(Math.round(ms * 1000)) * 1000n);

function anyValue(value: string | number | string[]): object {
  if (Array.isArray(value)) return { arrayValue: { values: value.map((v) => ({ stringValue: v })) } };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { stringValue: value };
}

/** An OTLP/JSON ExportTraceServiceRequest holding these spans of one trace. */
export function otlpRequest(traceId: string, spans: SpanSpec[]): object {
  return {
    resourceSpans: spans.map((spec) => ({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: spec.service } }] },
      scopeSpans: [
        {
          spans: [
            {
              traceId,
              spanId: spec.spanId,
              ...(spec.parentSpanId ? { parentSpanId: spec.parentSpanId } : {}),
              name: spec.name,
              kind: KINDS[spec.kind],
              startTimeUnixNano: nanos(spec.startMs),
              endTimeUnixNano: nanos(spec.endMs),
              attributes: Object.entries(spec.attributes ?? {}).map(([key, value]) => ({
                key,
                value: anyValue(value),
              })),
              ...(spec.error ? { status: { code: 2 } } : {}),
            },
          ],
        },
      ],
    })),
  };
}

/** Posts spans to the collector's OTLP/HTTP JSON endpoint. */
export async function postSpans(collectorUrl: string, traceId: string, spans: SpanSpec[]): Promise<void> {
  const answer = await request(`${collectorUrl}/v1/traces`, { body: otlpRequest(traceId, spans) });
  if (answer.status !== 200) throw new Error(`OTLP post answered ${answer.status}`);
}

/** Sends X-Ray documents to the collector's daemon port, as the SDKs do (one UDP datagram each). */
export async function sendSegments(daemonPort: number, documents: object[]): Promise<void> {
  const socket = createSocket('udp4');
  for (const document of documents) {
    const datagram = Buffer.from(`{"format":"json","version":1}\n${JSON.stringify(document)}`);
    await new Promise<void>((resolve, reject) =>
      socket.send(datagram, daemonPort, '127.0.0.1', (e) => (e ? reject(e) : resolve())),
    );
  }
  socket.close();
}
