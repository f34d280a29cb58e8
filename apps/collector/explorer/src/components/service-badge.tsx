import { serviceColour } from '../lib/format';

/** A service's name, edged in the colour it has everywhere on the page (waterfall, map, logs). */
export function ServiceBadge({ service }: { service: string }) {
  return (
    <span class="svc" style={{ borderColor: serviceColour(service) }}>
      {service}
    </span>
  );
}
