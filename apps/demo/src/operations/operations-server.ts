// The worker's own HTTP server, for the operations endpoints alone: a worker serves nothing
// else, and listens only when `--listen` asks it to.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerOperationsRequest, type OperationsEndpoints } from './operations-routes.ts';

export interface OperationsServer {
  /** `http://127.0.0.1:9464/`. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startOperationsServer(
  endpoints: OperationsEndpoints,
  address: { host: string; port: number },
): Promise<OperationsServer> {
  const server: Server = createServer((request, response) => {
    void answerOperationsRequest(request, response, endpoints).then(
      (answered) => {
        if (answered) return;
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Not found: /healthz, /readyz and /metrics are served here.\n');
      },
      () => response.destroy(),
    );
  });
  // A scraper and a probe or two: a few connections are all it needs.
  server.maxConnections = 32;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    url: `http://${host}:${bound.port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
