import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Call, CdrError } from '@cdr/core';
import {
  parseOzonetelCallback,
  readOzonetelCallbackPayload,
  verifyOzonetelCallback,
} from '@cdr/ozonetel';
import type { CallStore, UpsertCounts } from './call-store.ts';
import { describeError } from './describe-error.ts';
import { readRequestBody } from './read-request-body.ts';

/** What storing a pushed call did: a new row, a changed one, or nothing (a repeat). */
export type StoredOutcome = keyof UpsertCounts;

/**
 * How long a client may take and how many may be connected. Node's defaults (a minute for
 * the headers, five for a request, no cap on connections, checked every 30 s) let 1,200
 * half-sent requests hold the receiver for 100 s; a push is one small form, sent at once.
 */
export const callbackReceiverLimits = {
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnections: 128,
} as const;

export interface CallbackReceiverOptions {
  store: CallStore;
  /** The Ozonetel account's API key: pushes that do not carry it are refused. */
  apiKey: string;
  /** The clock pushed calls are judged by (a push dated 2099 is refused). Default: the system clock. */
  now?: () => Date;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  path?: string;
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
  onCall?: (call: Call, outcome: StoredOutcome) => void;
  onRejected?: (reason: string) => void;
}

export interface CallbackReceiver {
  url: string;
  /** Pushes accepted (verified, mapped and upserted). */
  received: number;
  /** What the accepted pushes did to the store; a push repeated by Ozonetel is `unchanged`. */
  stored: UpsertCounts;
  rejected: number;
  /** Connections open now, at most `maxConnections`. */
  readonly openConnections: number;
  close(): Promise<void>;
}

const maxBodyBytes = 1_000_000;

const seconds = (ms: number) => `${ms / 1000} s`;

/**
 * Receives Ozonetel's post-call pushes (a form POST with the CDR as JSON in `data`, or a
 * JSON body), checks the account key, maps the CDR with the same code as `getCall` and
 * upserts it: the store sees a pushed call and a looked-up one as the same row.
 */
export async function startCallbackReceiver(
  options: CallbackReceiverOptions,
): Promise<CallbackReceiver> {
  const path = options.path ?? '/ozonetel/callback';
  const defaults = callbackReceiverLimits;
  const limits = {
    headersTimeoutMs: options.headersTimeoutMs ?? defaults.headersTimeoutMs,
    bodyTimeoutMs: options.bodyTimeoutMs ?? defaults.bodyTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs ?? defaults.requestTimeoutMs,
    maxConnections: options.maxConnections ?? defaults.maxConnections,
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
    { answerText = reason, closeConnection = false } = {},
  ) => {
    receiver.rejected++;
    options.onRejected?.(reason);
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
        if (new URL(request.url ?? '/', 'http://receiver').pathname !== path)
          return answer(request, response, 404, 'not found');
        if (request.method !== 'POST') return answer(request, response, 405, 'POST only');
        const body = await readRequestBody(request, {
          maxBytes: maxBodyBytes,
          timeoutMs: limits.bodyTimeoutMs,
        });
        if (body.outcome === 'aborted') return;
        if (body.outcome === 'too-large')
          return reject(request, response, 413, 'payload too large', { closeConnection: true });
        if (body.outcome === 'timed-out')
          return reject(
            request,
            response,
            408,
            `the body did not arrive within ${seconds(limits.bodyTimeoutMs)}`,
            { closeConnection: true },
          );
        const contentType = request.headers['content-type'] ?? '';
        const payload = readOzonetelCallbackPayload(body.text, contentType);
        if (!verifyOzonetelCallback(payload, options.apiKey))
          return reject(
            request,
            response,
            401,
            'the payload does not carry this account’s API key',
          );
        const call = parseOzonetelCallback(payload, {
          apiKey: options.apiKey,
          ...(options.now ? { now: options.now } : {}),
        });
        const counts = options.store.upsert([call]);
        const outcome: StoredOutcome =
          counts.inserted > 0 ? 'inserted' : counts.updated > 0 ? 'updated' : 'unchanged';
        receiver.received++;
        receiver.stored[outcome]++;
        options.onCall?.(call, outcome);
        answer(request, response, 200, 'ok');
      } catch (error) {
        // The message of a CdrError never holds the key (it is redacted from raw too).
        if (CdrError.isInstance(error)) return reject(request, response, 400, error.message);
        // The operator needs the cause (a full disk, and which file); the pusher does not.
        reject(request, response, 500, `could not store the call: ${describeError(error)}`, {
          answerText: 'could not store the call',
        });
      }
    },
  );
  // Beyond the cap Node closes a new connection at once, before reading a byte of it.
  server.maxConnections = limits.maxConnections;
  let openConnections = 0;
  server.on('connection', (socket) => {
    openConnections++;
    socket.once('close', () => openConnections--);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const receiver: CallbackReceiver = {
    url: `http://${host}:${address.port}${path}`,
    received: 0,
    stored: { inserted: 0, updated: 0, unchanged: 0 },
    rejected: 0,
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
