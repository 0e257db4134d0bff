import {
  createServer,
  request as forward,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isLoopbackHost } from '../options/base-url.js';

/** A request a forward proxy received. */
export interface ProxiedRequest {
  /** `GET`, `POST`…, or `CONNECT` for a tunnel (an `https:` origin). */
  method: string;
  /** The absolute URL asked for (`http://127.0.0.1:4000/calls`), or `host:port` for `CONNECT`. */
  target: string;
  /** The headers as the proxy received them, `proxy-authorization` included. */
  headers: IncomingHttpHeaders;
}

/** An answer the proxy gives itself instead of forwarding (a 407, a 502 quoting the request). */
export interface ProxyAnswer {
  status: number;
  body?: string | undefined;
}

export interface ForwardProxyOptions {
  /** Answers a request itself (return an answer) or lets it through (`undefined`). */
  answer?: ((request: ProxiedRequest) => ProxyAnswer | undefined) | undefined;
}

export interface ForwardProxy {
  /** `http://127.0.0.1:PORT`: what `HTTP_PROXY` names. */
  readonly url: string;
  /** Every request received so far, in order. */
  readonly requests: readonly ProxiedRequest[];
  /** Connections opened to the proxy so far: a kept-alive pool opens few. */
  readonly connectionCount: number;
  /** Closes the proxy and every connection through it. */
  close(): Promise<void>;
}

const hopByHop = new Set(['proxy-authorization', 'proxy-connection', 'connection', 'keep-alive']);

/**
 * A forward proxy on 127.0.0.1, as a corporate network has one, for proving that requests go
 * through it: it records every request and forwards absolute-form `http:` requests to
 * loopback origins (the simulators). It never leaves the machine: other hosts get a 502, and
 * `CONNECT` (an `https:` origin) is recorded and refused with a 502, so a test of tunnelled
 * requests sees the tunnel asked for and no network is reached.
 */
export async function startForwardProxy(options: ForwardProxyOptions = {}): Promise<ForwardProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  let connectionCount = 0;

  const handle = (incoming: IncomingMessage, response: ServerResponse) => {
    const proxied: ProxiedRequest = {
      method: incoming.method ?? 'GET',
      target: incoming.url ?? '',
      headers: incoming.headers,
    };
    requests.push(proxied);
    const refuse = (status: number, body: string) => {
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(body);
    };
    const answer = options.answer?.(proxied);
    if (answer) return refuse(answer.status, answer.body ?? '');
    const target = URL.canParse(proxied.target) ? new URL(proxied.target) : undefined;
    if (target?.protocol !== 'http:')
      return refuse(400, 'a forward proxy takes absolute http:// URLs');
    if (!isLoopbackHost(target.hostname))
      return refuse(502, 'this test proxy forwards only to loopback origins');
    const headers = Object.fromEntries(
      Object.entries(incoming.headers).filter(([name]) => !hopByHop.has(name)),
    );
    const upstream = forward(
      target,
      { method: proxied.method, headers },
      (answerFromOrigin: IncomingMessage) => {
        response.writeHead(answerFromOrigin.statusCode ?? 502, answerFromOrigin.headers);
        answerFromOrigin.pipe(response);
      },
    );
    upstream.on('error', () => {
      if (!response.headersSent) refuse(502, 'the origin did not answer');
      else response.destroy();
    });
    incoming.pipe(upstream);
  };

  const server = createServer(handle);
  server.on('connect', (incoming: IncomingMessage, socket: Socket) => {
    const proxied: ProxiedRequest = {
      method: 'CONNECT',
      target: incoming.url ?? '',
      headers: incoming.headers,
    };
    requests.push(proxied);
    const answer = options.answer?.(proxied) ?? { status: 502, body: 'no tunnels from here' };
    const body = answer.body ?? '';
    socket.end(
      `HTTP/1.1 ${answer.status} Refused\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  server.on('connection', (socket) => {
    connectionCount++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get connectionCount() {
      return connectionCount;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
