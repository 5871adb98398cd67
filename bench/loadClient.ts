import { Agent, request } from 'node:http';

/**
 * The load generator shares the process (and the two cores) with the API under test, so it must
 * cost little: a keep-alive node:http agent needs about half the CPU per request of fetch (undici),
 * which would otherwise be charged to our cast path.
 */
export function jsonPoster(baseUrl: string, maxSockets: number): (path: string, body: unknown) => Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const { hostname, port } = new URL(baseUrl);
  return (path, body) =>
    new Promise((done, failed) => {
      const payload = JSON.stringify(body);
      const outgoing = request({ hostname, port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (response) => {
        response.resume();
        response.on('end', () => done(response.statusCode ?? 0));
        response.on('error', failed);
      });
      outgoing.on('error', failed);
      outgoing.end(payload);
    });
}
