// The one block printed once every app is ready: what a newcomer needs to use the
// suite (its URLs), to find what it emits (where the telemetry goes), and to try it.
import { httpUrlOf, socketsOf } from './endpoints.mjs';
import { telemetryDestinations } from './telemetry.mjs';

const WIDTH = 78;
const rule = (title) => (title ? `── ${title} ` : '').padEnd(WIDTH, '─');
const row = (label, text, width) => `   ${label.padEnd(width)}  ${text}`;

// What each socket is for, where it is not obvious from the app's name.
const ROLES = {
  'gateway http': 'the REST API',
  'collector http': 'trace explorer page at /, read API at /api/...',
  'collector tcp': 'X-Ray daemon (UDP) and its sampling proxy (TCP)',
};

/** Three commands to try, for the apps this run started. */
function commands(names, env) {
  const gateway = httpUrlOf('gateway', env);
  const collector = httpUrlOf('collector', env);
  if (names.includes('gateway')) {
    return [
      `curl -s ${gateway}/api/activities/home`,
      `curl -si ${gateway}/api/activities/notifications     # header traceresponse: 00-<trace id>-…`,
      names.includes('collector')
        ? `curl -s ${collector}/api/traces/<trace id>     # the trace: OTel spans and X-Ray segments`
        : `curl -s ${gateway}/api/health-check/ready     # whether it reaches its dependencies`,
    ];
  }
  if (names.includes('collector')) {
    return ['stats', 'traces', 'service-map'].map((path) => `curl -s ${collector}/api/${path}`);
  }
  // A service alone, typically started again next to a running suite: try it through the gateway.
  return [
    `curl -s ${gateway}/api/health-check/ready     # through the gateway, if it runs`,
    `curl -s ${gateway}/api/activities/home`,
    `curl -s ${gateway}/api/activities/notifications`,
  ];
}

/** Marks a telemetry destination that is the collector this run started. */
function annotate(where, names, env) {
  if (!names.includes('collector')) return where;
  const [http, , udp] = socketsOf('collector', env);
  const origin = URL.parse(where)?.origin;
  const ours =
    where === udp.url.replace('udp://', '') || (origin !== undefined && origin === URL.parse(http.url)?.origin);
  return ours ? `${where}  (this collector)` : where;
}

/** The banner's lines: `[style, text]` for the styled ones, plain strings for the rest. */
export function bannerLines(names, env) {
  const lines = [['bold', rule(`ready: ${names.join(', ')}`)]];
  const width = Math.max(...names.map((name) => name.length));
  for (const name of names) {
    socketsOf(name, env)
      .filter((socket) => socket.probe)
      .forEach((socket, index) => {
        // The collector's X-Ray daemon port is both: segments over UDP, the sampling proxy over TCP.
        const url =
          name === 'collector' && socket.protocol === 'tcp' ? socket.url.replace('tcp:', 'udp+tcp:') : socket.url;
        const role = ROLES[`${name} ${socket.protocol}`];
        lines.push(row(index === 0 ? name : '', role ? `${url}  ${role}` : url, width));
      });
  }
  if (names.some((name) => name !== 'collector')) {
    lines.push(' telemetry goes to');
    const destinations = telemetryDestinations(env);
    const labels = Math.max(...destinations.map((d) => d.what.length));
    for (const { what, where } of destinations) lines.push(row(what, annotate(where, names, env), labels));
  }
  lines.push(' try');
  for (const command of commands(names, env)) lines.push(`   ${command}`);
  lines.push(
    names.length > 1
      ? ' Ctrl-C stops them all. An app that exits is reported and the others keep running: npm run start:<app>'
      : ' Ctrl-C stops it.',
  );
  if (names.length > 1) lines.push(' (with the same environment) starts it again in another terminal.');
  lines.push(['bold', rule()]);
  return lines;
}
