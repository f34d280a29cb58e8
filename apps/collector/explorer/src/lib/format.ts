/** Milliseconds as people read them: 840 µs, 12.3 ms, 1.25 s. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const abs = Math.abs(ms);
  if (abs < 1) return `${Math.round(ms * 1000)} µs`;
  if (abs < 100) return `${ms.toFixed(1)} ms`;
  if (abs < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** A signed delta: +3.2 ms, −1.0 ms. */
export function formatDelta(ms: number): string {
  if (ms === 0) return '±0';
  return `${ms > 0 ? '+' : '−'}${formatMs(Math.abs(ms))}`;
}

export function formatRate(share: number): string {
  if (share === 0) return '0%';
  return share < 0.01 ? '<1%' : `${Math.round(share * 100)}%`;
}

export function formatPerSecond(value: number): string {
  return value >= 10 ? `${Math.round(value)}/s` : `${value.toFixed(2)}/s`;
}

/** Local wall-clock time with milliseconds. */
export function formatTime(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function formatDateTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.toLocaleDateString()} ${formatTime(epochMs)}`;
}

/** OTLP's decimal nanosecond strings to epoch milliseconds (with fractions). */
export function nanosToMs(nanos: string): number {
  const value = BigInt(nanos);
  return Number(value / 1000n) / 1000;
}

/** A stable colour per service name, so a service looks the same in every view. */
export function serviceColour(service: string): string {
  let hash = 0;
  for (const char of service) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 55% 52%)`;
}
