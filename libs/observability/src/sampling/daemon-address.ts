/** Where the X-Ray daemon's TCP side (the sampling proxy) listens. */
export interface DaemonEndpoint {
  host: string;
  port: number;
}

/**
 * Reads an AWS_XRAY_DAEMON_ADDRESS value: `host:port` (`[::1]:2000` for
 * IPv6), or `tcp:host:port udp:host:port` in either order, of which the TCP
 * part counts here. Throws an Error on anything else: a configuration error to see at start.
 */
export function parseDaemonAddress(address: string): DaemonEndpoint {
  const parts = address.trim().split(/\s+/);
  const tcp = parts.length === 1 ? parts[0] : parts.find((part) => part.startsWith('tcp:'))?.slice('tcp:'.length);
  const match = tcp === undefined ? null : /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(tcp);
  const port = match ? Number(match[3]) : 0;
  if (!match || port < 1 || port > 65535) {
    throw new Error(`X-Ray daemon address "${address}" is not host:port (or "tcp:host:port udp:host:port")`);
  }
  return { host: match[1] ?? match[2], port };
}
