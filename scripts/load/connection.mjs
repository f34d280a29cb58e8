// One autocannon connection sending the mix. Each connection gets a request of its own
// (setupClient), so the request on its wire is known: autocannon calls a request's
// onResponse (status, body, headers: the trace id) synchronously just before the client's
// 'response' event (the latency), which pairs the two; and a request that ends without a
// response is told by the client's 'timeout' and 'connError' events (lib/httpClient.js),
// which the instance's own 'reqError' reports without saying for which request.
// With one request at a time per connection (no pipelining), each request ends once: answered,
// timed out, failed with the connection, or lost when the server closed the connection.
import { traceOf } from './trace-id.mjs';

/** Makes `client` (an autocannon Client) send `mix`'s requests and report each one's end to `recorder`. */
export function setupConnection(client, { mix, recorder }) {
  let current;
  // After a timeout autocannon reconnects and builds the next request before it emits 'timeout':
  // the request that timed out is then the one before `current`.
  let previous;
  // autocannon 9 reconnects after a connection error or close without dropping the unanswered
  // request from its queue of requests awaiting an answer (lib/httpClient.js; only a timeout
  // clears it): the next response would be timed from the lost request's start. Drop it here.
  const dropLost = () => client.pipelinedRequests?.clear();
  const end = (request, report) => {
    if (request === undefined || request.ended) return;
    request.ended = true;
    report(request);
  };

  client.setRequests([
    {
      setupRequest(defaults) {
        if (current && !current.ended) {
          // A new request while the last one is unanswered: the connection went away under it.
          // 'timeout' may yet claim it, synchronously; what is left unclaimed was lost with the connection.
          const lost = current;
          previous = lost;
          dropLost();
          setImmediate(() => end(lost, (request) => recorder.noResponse(request, 'closed')));
        }
        current = mix.next();
        const { method, path, headers, body } = current;
        return { ...defaults, method, path, headers: { ...defaults.headers, ...headers }, body };
      },
      onResponse(status, body, _context, headers) {
        current.status = status;
        current.trace = traceOf(headers);
        mix.observe(current, status, body);
      },
    },
  ]);
  client.on('response', (_status, _bytes, ms) => end(current, (request) => recorder.response(request, ms)));
  client.on('timeout', () =>
    end(previous && !previous.ended ? previous : current, (request) => recorder.noResponse(request, 'timeout')),
  );
  client.on('connError', (error) =>
    end(current, (request) => {
      dropLost();
      recorder.noResponse(request, error.code ?? 'error');
    }),
  );
}
