import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Call, CdrError } from '@cdr/core';
import {
  answerOperationsRequest,
  type OperationsEndpoints,
} from '../operations/operations-routes.ts';
import type { CallStore, UpsertCounts } from '../store/call-store.ts';
import { describeError } from '../support/describe-error.ts';
import { readRequestBody } from './read-request-body.ts';

/** What storing a pushed call did: a new row, a changed one, or nothing (a repeat). */
export type StoredOutcome = keyof UpsertCounts;

/**
 * How long a client may take and how many may be connected. Node's defaults (a minute for
 * the headers, five for a request, no cap on connections, checked every 30 s) let 1,200
 * half-sent requests hold the receiver for 100 s; a push is one small request, sent at once.
 */
export const pushServerLimits = {
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnections: 128,
  maxConnectionsPerClient: 16,
} as const;

/** A push as a route sees it: the body read whole, its content type and headers. */
export interface Push {
  /** `POST` or `GET`: one of the route's `methods`. */
  method: string;
  body: string;
  contentType: string;
  headers: IncomingHttpHeaders;
  url: URL;
}

/**
 * Why a push was refused, as the metrics count it: `unauthorized` (its signature, key or
 * token is not the account's: 401 or 403), `refused` (another refusal of the provider's
 * checks), `unreadable` (it could not be parsed), `out_of_range` (a call's start beyond the
 * receiver's limits), `too_large`, `timed_out` (the body came too slowly), `store_failed`.
 */
export type PushRefusal =
  | 'unauthorized'
  | 'refused'
  | 'unreadable'
  | 'out_of_range'
  | 'too_large'
  | 'timed_out'
  | 'store_failed';

/** A push refused: the status to answer and why (shown to the operator; sent to the pusher). */
export class PushRejected extends Error {
  override readonly name = 'PushRejected';
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** One provider account's push endpoint: its path, and how a push becomes calls. */
export interface PushRoute {
  path: string;
  /** The account the calls are stored for. */
  account: string;
  /** What a person reads about it at start: who pushes here, and how it is checked. */
  description: string;
  /**
   * Whether the path may go on past `path` by one segment (`/telecmi/<token>`): a route
   * that carries its secret in the URL, and checks it itself.
   */
  tokenInPath?: boolean | undefined;
  /** The methods the provider pushes with. Default POST only. */
  methods?: readonly ('POST' | 'GET')[] | undefined;
  /**
   * Checks a push (throwing `PushRejected` for one that is not the account's) and maps it:
   * the calls to store, or a reason it carries none (a live event, say).
   */
  handle(push: Push): Promise<Call[] | { ignored: string }> | Call[] | { ignored: string };
  /**
   * For providers that push a call in parts (TeleCMI's legs): the stored call and the pushed
   * one as one call. The server reads, merges and writes each call's pushes one at a time.
   */
  merge?: ((stored: Call | undefined, pushed: Call) => Call) | undefined;
}

export interface PushServerOptions {
  store: CallStore;
  routes: readonly PushRoute[];
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /**
   * Time for a request's headers to arrive in full (a silent connection's too); past it Node
   * answers 408 and closes the connection, which is what stops a slow-loris client.
   * Default 10 s.
   */
  headersTimeoutMs?: number;
  /**
   * Time for a push's body to arrive in full once its headers have; past it the push is
   * answered 408 and the connection closed. Default 10 s.
   */
  bodyTimeoutMs?: number;
  /**
   * Time for a whole request, headers and body, as Node counts it: a backstop behind the two
   * above. Default 30 s; at least `headersTimeoutMs`.
   */
  requestTimeoutMs?: number;
  /** Connections open at once; more are closed as they arrive, unanswered. Default 128. */
  maxConnections?: number;
  /**
   * Connections one client (one remote address) may hold at once; more from it are closed
   * as they arrive. Without it one client holding half-sent requests up to the global cap
   * starved every other pusher. Behind a reverse proxy every push comes from the proxy's
   * address: raise it to `maxConnections` there and let the proxy limit its clients.
   * Default 16.
   */
  maxConnectionsPerClient?: number;
  /**
   * The receiver's clock and how far from it a pushed call's start may be. The providers'
   * parsers read a push the same whatever its age (a queue drained after an outage, a
   * replay); judging it against a clock is the receiver's choice, made here. Default: no
   * limit on age, and a call starting more than a day after the clock is refused (a clock or
   * unit error upstream, or a forged push).
   */
  pushAge?: PushAgeLimits;
  onCall?: (call: Call, outcome: StoredOutcome, route: PushRoute) => void;
  /** A push accepted: what storing it did, or `ignored` when it carried no call. */
  onAccepted?: (route: PushRoute, outcome: StoredOutcome | 'ignored') => void;
  onRejected?: (reason: string, route: PushRoute | undefined, refusal: PushRefusal) => void;
  /** `/healthz`, `/readyz` and `/metrics`, served beside the push paths. */
  operations?: OperationsEndpoints | undefined;
}

export interface PushAgeLimits {
  now: () => Date;
  /** The oldest start accepted, as an age; `undefined` accepts a push of any age. */
  maxAgeMs?: number | undefined;
  /** How far past the clock a start may be. Default a day. */
  maxAheadMs?: number | undefined;
}

const dayMs = 86_400_000;

/** Why a pushed call's start is refused by the receiver's limits, or `undefined`. */
function pushAgeProblem(call: Call, limits: PushAgeLimits): string | undefined {
  const now = limits.now().getTime();
  const start = call.startedAt.getTime();
  if (start > now + (limits.maxAheadMs ?? dayMs))
    return `call ${call.id} starts after the receiver's clock allows (${call.startedAt.toISOString()})`;
  if (limits.maxAgeMs !== undefined && start < now - limits.maxAgeMs)
    return `call ${call.id} is older than the receiver accepts (${call.startedAt.toISOString()})`;
  return undefined;
}

export interface PushServer {
  /** `http://host:port`; each route is served at `url + route.path`. */
  url: string;
  /** Pushes accepted (checked, mapped and upserted). */
  received: number;
  /** What the accepted pushes did to the store; a push repeated is `unchanged`. */
  stored: UpsertCounts;
  rejected: number;
  /** Pushes accepted that carried no call (live events). */
  ignored: number;
  /** Connections open now, at most `maxConnections`. */
  readonly openConnections: number;
  close(): Promise<void>;
}

const maxBodyBytes = 1_000_000;

const seconds = (ms: number) => `${ms / 1000} s`;

/**
 * Receives the providers' pushes, one path per account: each route checks a push (an
 * Ozonetel key, a TeleCMI path token) and maps it with the provider's own parser, and the
 * calls are upserted like listed ones — a pushed call and a synced one are the same row.
 * Bounded: slow or idle clients are cut off, connections are capped, bodies are limited.
 */
export async function startPushServer(options: PushServerOptions): Promise<PushServer> {
  const routes = new Map(options.routes.map((route) => [route.path, route]));
  const routeOf = (path: string): PushRoute | undefined => {
    const exact = routes.get(path);
    if (exact) return exact.tokenInPath ? undefined : exact;
    const parent = routes.get(path.slice(0, path.lastIndexOf('/')));
    return parent?.tokenInPath ? parent : undefined;
  };
  // Each call's merges one after another: two legs pushed at once must not both read the
  // call without the other and write it back (one leg would be lost).
  const merging = new Map<string, Promise<unknown>>();
  const inTurn = <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const previous = merging.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    merging.set(key, next);
    void next
      .finally(() => {
        if (merging.get(key) === next) merging.delete(key);
      })
      .catch(() => undefined);
    return next;
  };
  const store = async (route: PushRoute, calls: Call[]): Promise<UpsertCounts> => {
    const merge = route.merge;
    if (!merge) return options.store.writeSlice({ account: route.account, calls });
    const total: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    for (const call of calls) {
      const counts = await inTurn(`${call.provider}\u0000${call.id}`, async () => {
        const stored = await options.store.getCall(call.provider, call.id);
        return options.store.writeSlice({ account: route.account, calls: [merge(stored, call)] });
      });
      total.inserted += counts.inserted;
      total.updated += counts.updated;
      total.unchanged += counts.unchanged;
    }
    return total;
  };
  const defaults = pushServerLimits;
  const limits = {
    headersTimeoutMs: options.headersTimeoutMs ?? defaults.headersTimeoutMs,
    bodyTimeoutMs: options.bodyTimeoutMs ?? defaults.bodyTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs ?? defaults.requestTimeoutMs,
    maxConnections: options.maxConnections ?? defaults.maxConnections,
    maxConnectionsPerClient: options.maxConnectionsPerClient ?? defaults.maxConnectionsPerClient,
  };
  const answer = (
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    text: string,
    closeConnection = false,
  ) => {
    response.writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      ...(closeConnection ? { connection: 'close' } : {}),
    });
    // The rest of the body is not read: the connection cannot carry another request.
    response.end(`${text}\n`, () => {
      if (closeConnection) request.socket.destroy();
    });
  };
  const reject = (
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    reason: string,
    refusal: PushRefusal,
    {
      answerText = reason,
      closeConnection = false,
      route = undefined as PushRoute | undefined,
    } = {},
  ) => {
    receiver.rejected++;
    options.onRejected?.(reason, route, refusal);
    answer(request, response, status, answerText, closeConnection);
  };
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node enforces the two timeouts above when it next checks, every 30 s by default:
      // a 10 s limit could then run to 40 s.
      connectionsCheckingInterval: Math.max(
        10,
        Math.min(1000, Math.floor(limits.headersTimeoutMs / 5)),
      ),
    },
    async (request, response) => {
      try {
        if (
          options.operations &&
          (await answerOperationsRequest(request, response, options.operations))
        )
          return;
        const url = new URL(request.url ?? '/', 'http://receiver');
        const route = routeOf(url.pathname);
        if (!route) return answer(request, response, 404, 'not found');
        const methods = route.methods ?? ['POST'];
        if (!methods.includes(request.method as 'POST' | 'GET'))
          return answer(request, response, 405, `${methods.join(' or ')} only`);
        const body = await readRequestBody(request, {
          maxBytes: maxBodyBytes,
          timeoutMs: limits.bodyTimeoutMs,
        });
        if (body.outcome === 'aborted') return;
        if (body.outcome === 'too-large')
          return reject(request, response, 413, 'payload too large', 'too_large', {
            closeConnection: true,
          });
        if (body.outcome === 'timed-out')
          return reject(
            request,
            response,
            408,
            `the body did not arrive within ${seconds(limits.bodyTimeoutMs)}`,
            'timed_out',
            { closeConnection: true },
          );
        let handled: Call[] | { ignored: string };
        try {
          handled = await route.handle({
            method: request.method ?? 'POST',
            body: body.text,
            contentType: request.headers['content-type'] ?? '',
            headers: request.headers,
            url,
          });
        } catch (error) {
          if (error instanceof PushRejected)
            return reject(
              request,
              response,
              error.status,
              error.message,
              error.status === 401 || error.status === 403 ? 'unauthorized' : 'refused',
              { route },
            );
          // A push that cannot be read; its message never holds a credential (the parsers redact).
          if (CdrError.isInstance(error))
            return reject(request, response, 400, error.message, 'unreadable', { route });
          throw error;
        }
        if (!Array.isArray(handled)) {
          receiver.ignored++;
          options.onAccepted?.(route, 'ignored');
          return answer(request, response, 200, `ignored: ${handled.ignored}`);
        }
        if (options.pushAge) {
          for (const call of handled) {
            const problem = pushAgeProblem(call, options.pushAge);
            if (problem) return reject(request, response, 400, problem, 'out_of_range', { route });
          }
        }
        const counts = await store(route, handled);
        receiver.received++;
        receiver.stored.inserted += counts.inserted;
        receiver.stored.updated += counts.updated;
        receiver.stored.unchanged += counts.unchanged;
        const outcome: StoredOutcome =
          counts.inserted > 0 ? 'inserted' : counts.updated > 0 ? 'updated' : 'unchanged';
        options.onAccepted?.(route, outcome);
        for (const call of handled) options.onCall?.(call, outcome, route);
        answer(request, response, 200, 'ok');
      } catch (error) {
        // The operator needs the cause (a full disk, and which file); the pusher does not.
        reject(
          request,
          response,
          500,
          `could not store the call: ${describeError(error)}`,
          'store_failed',
          { answerText: 'could not store the call' },
        );
      }
    },
  );
  // Beyond the cap Node closes a new connection at once, before reading a byte of it.
  server.maxConnections = limits.maxConnections;
  let openConnections = 0;
  const perClient = new Map<string, number>();
  server.on('connection', (socket) => {
    const client = socket.remoteAddress ?? '';
    const held = perClient.get(client) ?? 0;
    if (held >= limits.maxConnectionsPerClient) {
      socket.destroy();
      return;
    }
    perClient.set(client, held + 1);
    openConnections++;
    socket.once('close', () => {
      openConnections--;
      const left = (perClient.get(client) ?? 1) - 1;
      if (left === 0) perClient.delete(client);
      else perClient.set(client, left);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const receiver: PushServer = {
    url: `http://${host}:${address.port}`,
    received: 0,
    stored: { inserted: 0, updated: 0, unchanged: 0 },
    rejected: 0,
    ignored: 0,
    get openConnections() {
      return openConnections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return receiver;
}
