import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** A socket a process has open, as the kernel lists it in /proc/net. */
export interface ProcessSocket {
  protocol: 'tcp' | 'tcp6' | 'udp' | 'udp6';
  /** The local address in text form (`127.0.0.1`, `::1`, `0.0.0.0`, `::ffff:127.0.0.1`...). */
  address: string;
  port: number;
  /** TCP: listening (state 0A). UDP: bound and not connected to a peer (state 07). */
  listening: boolean;
}

/** The pid and its descendants (children of every thread, recursively). */
function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${out[i]}/task`);
    } catch {
      continue; // exited meanwhile
    }
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${out[i]}/task/${task}/children`, 'utf8').trim();
        if (children) out.push(...children.split(/\s+/).map(Number));
      } catch {
        // a thread that ended meanwhile
      }
    }
  }
  return out;
}

/** The inodes of the sockets the processes hold open (`/proc/<pid>/fd/* -> socket:[inode]`). */
function socketInodes(pids: number[]): Set<string> {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match) inodes.add(match[1]);
      } catch {
        // closed meanwhile
      }
    }
  }
  return inodes;
}

/** `0100007F` (little-endian words, as /proc/net writes them) → `127.0.0.1`; 32 hex digits → IPv6 text. */
function addressOf(hex: string): string {
  const word = (at: number) =>
    hex
      .slice(at, at + 8)
      .match(/../g)!
      .reverse()
      .join('');
  if (hex.length === 8) {
    return word(0)
      .match(/../g)!
      .map((byte) => parseInt(byte, 16))
      .join('.');
  }
  const bytes = [0, 8, 16, 24].map(word).join('');
  if (bytes.startsWith('00000000000000000000ffff')) {
    return `::ffff:${bytes
      .slice(24)
      .match(/../g)!
      .map((byte) => parseInt(byte, 16))
      .join('.')}`;
  }
  const groups = bytes.match(/.{4}/g)!.map((group) => parseInt(group, 16).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/**
 * Every TCP and UDP socket a running process (and its children) holds, read from the kernel:
 * the inodes behind its file descriptors, matched against /proc/net/{tcp,tcp6,udp,udp6}.
 */
export function socketsOf(pid: number): ProcessSocket[] {
  const inodes = socketInodes(processTree(pid));
  const sockets: ProcessSocket[] = [];
  for (const protocol of ['tcp', 'tcp6', 'udp', 'udp6'] as const) {
    const lines = readFileSync(`/proc/net/${protocol}`, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      const [local, , state] = [fields[1], fields[2], fields[3]];
      if (!inodes.has(fields[9])) continue;
      const [hex, port] = local.split(':');
      const listening = protocol.startsWith('tcp') ? state === '0A' : state === '07';
      sockets.push({ protocol, address: addressOf(hex), port: parseInt(port, 16), listening });
    }
  }
  return sockets;
}

/** Whether an address is a loopback one (127.0.0.0/8, ::1, or 127.x mapped into IPv6). */
export function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address);
}
