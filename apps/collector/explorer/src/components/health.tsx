import type { Health } from '../lib/api';

/** A health chip in the X-Ray console's colours (ok green, error orange, fault red, throttle purple). */
export function HealthBadge({ health, label }: { health: Health; label?: string }) {
  return <span class={`health health-${health}`}>{label ?? health}</span>;
}
