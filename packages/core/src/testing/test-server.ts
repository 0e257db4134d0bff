import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type TestRequestHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
) => unknown;

export interface TestServer {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Requests received so far. */
  readonly requestCount: number;
  /** Closes the server and destroys every open connection. */
  close(): Promise<void>;
}

/**
 * Starts a real HTTP server on 127.0.0.1 on a free port, reading each request body
 * before calling the handler. Simulators and transport tests are built on it.
 */
export async function startTestServer(handler: TestRequestHandler): Promise<TestServer> {
  const sockets = new Set<Socket>();
  let requestCount = 0;
  const server = createServer((request, response) => {
    requestCount++;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      Promise.resolve(handler(request, response, Buffer.concat(chunks).toString('utf8'))).catch(
        (error: unknown) => {
          if (!response.headersSent) {
            response.writeHead(500, { 'content-type': 'application/json' });
            response.end(JSON.stringify({ error: String(error) }));
          } else {
            response.destroy();
          }
        },
      );
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requestCount() {
      return requestCount;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
