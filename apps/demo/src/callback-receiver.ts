import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Call, CdrError } from '@cdr/core';
import {
  parseOzonetelCallback,
  readOzonetelCallbackPayload,
  verifyOzonetelCallback,
} from '@cdr/ozonetel';
import type { CallStore } from './call-store.ts';
import { describeError } from './describe-error.ts';

export interface CallbackReceiverOptions {
  store: CallStore;
  /** The Ozonetel account's API key: pushes that do not carry it are refused. */
  apiKey: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  path?: string;
  onCall?: (call: Call) => void;
  onRejected?: (reason: string) => void;
}

export interface CallbackReceiver {
  url: string;
  received: number;
  rejected: number;
  close(): Promise<void>;
}

const maxBodyBytes = 1_000_000;

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Receives Ozonetel's post-call pushes (a form POST with the CDR as JSON in `data`, or a
 * JSON body), checks the account key, maps the CDR with the same code as `getCall` and
 * upserts it: the store sees a pushed call and a looked-up one as the same row.
 */
export async function startCallbackReceiver(
  options: CallbackReceiverOptions,
): Promise<CallbackReceiver> {
  const path = options.path ?? '/ozonetel/callback';
  const answer = (response: ServerResponse, status: number, text: string) => {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(`${text}\n`);
  };
  const reject = (
    response: ServerResponse,
    status: number,
    reason: string,
    answerText = reason,
  ) => {
    receiver.rejected++;
    options.onRejected?.(reason);
    answer(response, status, answerText);
  };
  const server = createServer(async (request, response) => {
    try {
      if (new URL(request.url ?? '/', 'http://receiver').pathname !== path)
        return answer(response, 404, 'not found');
      if (request.method !== 'POST') return answer(response, 405, 'POST only');
      const body = await readBody(request);
      if (body === undefined) return reject(response, 413, 'payload too large');
      const contentType = request.headers['content-type'] ?? '';
      const payload = readOzonetelCallbackPayload(body, contentType);
      if (!verifyOzonetelCallback(payload, options.apiKey))
        return reject(response, 401, 'the payload does not carry this account’s API key');
      const call = parseOzonetelCallback(payload);
      options.store.upsert([call]);
      receiver.received++;
      options.onCall?.(call);
      answer(response, 200, 'ok');
    } catch (error) {
      // The message of a CdrError never holds the key (it is redacted from raw too).
      if (CdrError.isInstance(error)) return reject(response, 400, error.message);
      // The operator needs the cause (a full disk, and which file); the pusher does not.
      reject(
        response,
        500,
        `could not store the call: ${describeError(error)}`,
        'could not store the call',
      );
    }
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
    rejected: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return receiver;
}
