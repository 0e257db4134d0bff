import { afterEach, describe, expect, test } from 'vitest';
import { AuthenticationError, CredentialExpiredError, RateLimitedError } from '../errors/index.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { HttpClient } from './http-client.js';
import { TokenManager, type TokenManagerOptions } from './token-manager.js';
import type { TransportEvent } from './transport-event.js';

/**
 * A token API in the shape of Ozonetel's: `POST /token` issues a token (each new one
 * supersedes the last), `GET /data` answers 200 with `{"status":"false","message":"Token
 * Expired"}` for any other, and echoes the token it was sent in its body.
 */
interface TokenApi {
  server: TestServer;
  issued: string[];
  dataRequests: number;
  /** The next data requests answer "expired" whatever the token. */
  expireNext: number;
  /** Token requests wait this long before answering. */
  tokenLatencyMs: number;
}

let api: TokenApi | undefined;
const clients: HttpClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await api?.server.close();
  api = undefined;
});

async function startApi(): Promise<TokenApi> {
  const state: Omit<TokenApi, 'server'> = {
    issued: [],
    dataRequests: 0,
    expireNext: 0,
    tokenLatencyMs: 0,
  };
  const server = await startTestServer(async (request, response) => {
    const send = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/token') {
      if (state.tokenLatencyMs > 0)
        await new Promise((resolve) => setTimeout(resolve, state.tokenLatencyMs));
      const token = `tok-${state.issued.length + 1}-${'x'.repeat(12)}`;
      state.issued.push(token);
      return send({ token });
    }
    state.dataRequests++;
    const sent = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    if (state.expireNext > 0 || sent !== state.issued.at(-1)) {
      state.expireNext = Math.max(0, state.expireNext - 1);
      return send({ status: 'false', message: 'Token Expired' });
    }
    send({ echoed: sent, hex: Buffer.from(sent).toString('hex') });
  });
  api = Object.assign(state, { server });
  return api;
}

function clientOf(
  server: TestServer,
  events: TransportEvent[] = [],
  maxRetryAfterMs = 120_000,
): HttpClient {
  const client = new HttpClient({
    provider: 'acme',
    baseUrl: server.url,
    retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs },
    onEvent: (event) => events.push(event),
  });
  clients.push(client);
  return client;
}

let clock = new Date('2026-03-01T10:00:00Z');
const now = () => clock;

function managerOf(options: Partial<TokenManagerOptions> = {}): TokenManager {
  return new TokenManager({
    provider: 'acme',
    endpoint: 'POST /token',
    lifetimeMs: 3_600_000,
    now,
    issue: async (client, signal) => {
      const body = (await client.requestJson({ method: 'POST', path: '/token', signal })) as {
        token: string;
      };
      return body.token;
    },
    ...options,
  });
}

const expiredWhenSaid = ({
  body,
  provider,
  endpoint,
}: {
  body: unknown;
  provider: string;
  endpoint: string;
}) =>
  (body as { message?: unknown }).message === 'Token Expired'
    ? new CredentialExpiredError({ provider, endpoint, message: 'Token Expired' })
    : undefined;

function getData(client: HttpClient, tokens: TokenManager, signal?: AbortSignal) {
  return client.requestJson({
    method: 'GET',
    path: '/data',
    bearer: { tokens },
    interpret: expiredWhenSaid,
    signal,
  }) as Promise<{ echoed: string; hex: string }>;
}

describe('TokenManager', () => {
  test('obtains a token on demand and reuses it while valid (on the injected clock)', async () => {
    clock = new Date('2026-03-01T10:00:00Z');
    const { server, issued } = await startApi();
    const client = clientOf(server);
    const tokens = managerOf();
    expect(issued).toHaveLength(0);
    await getData(client, tokens);
    await getData(client, tokens);
    expect(issued).toHaveLength(1);
    clock = new Date('2026-03-01T10:59:45Z'); // within the 30 s refresh margin
    await getData(client, tokens);
    expect(issued).toHaveLength(2);
  });

  test('"expired" drops the token and asks once more with a fresh one, in the one retry loop', async () => {
    clock = new Date('2026-03-01T10:00:00Z');
    const state = await startApi();
    const events: TransportEvent[] = [];
    const client = clientOf(state.server, events);
    const tokens = managerOf();
    await getData(client, tokens);
    state.expireNext = 1;
    const answer = await getData(client, tokens);
    expect(answer.echoed).toBe(state.issued[1]);
    expect(state.issued).toHaveLength(2);
    expect(state.dataRequests).toBe(3);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'retry',
        delayMs: 0,
        error: expect.objectContaining({ code: 'credential_expired' }),
      }),
    );
  });

  test('a fresh token refused as expired too is an AuthenticationError after one refresh', async () => {
    clock = new Date('2026-03-01T10:00:00Z');
    const state = await startApi();
    state.expireNext = 10;
    const error = await getData(clientOf(state.server), managerOf()).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(state.issued).toHaveLength(2);
    expect(state.dataRequests).toBe(2);
  });

  test('the token is a secret of the client from the moment it is obtained, in every encoding', async () => {
    clock = new Date('2026-03-01T10:00:00Z');
    const { server, issued } = await startApi();
    const client = clientOf(server);
    // The transport hands bodies on as received; what leaves a provider is scrubbed with
    // the client's redactor, which knows the token by now.
    const answer = await getData(client, managerOf());
    const token = issued[0]!;
    expect(answer.echoed).toBe(token);
    const scrubbed = JSON.stringify(client.redactor.scrub(answer));
    expect(scrubbed).not.toContain(token);
    expect(scrubbed).not.toContain(Buffer.from(token).toString('hex'));
    expect(client.redactor.detects(`Bearer ${token}`)).toBe(true);
  });

  test('a shared manager serves every client of the account, and each redacts the token', async () => {
    clock = new Date('2026-03-01T10:00:00Z');
    const { server, issued } = await startApi();
    const account = ['https://acme.invalid', 'user', `key-${Math.random()}`];
    const one = TokenManager.shared(account, () => managerOf());
    const two = TokenManager.shared(account, () => managerOf());
    expect(two).toBe(one);
    const [first, second] = [clientOf(server), clientOf(server)];
    await Promise.all([getData(first, one), getData(second, two)]);
    expect(issued).toHaveLength(1);
    expect(second.redactor.detects(issued[0]!)).toBe(true);
  });

  test('the issuance budget: a short wait is reported and waited; a long one is a RateLimitedError', async () => {
    clock = new Date('2026-03-01T10:00:00Z');
    const state = await startApi();
    const events: TransportEvent[] = [];
    const tokens = managerOf({ issuanceBudget: { limit: 1, intervalMs: 40 } });
    await getData(clientOf(state.server, events), tokens);
    state.expireNext = 1;
    await getData(clientOf(state.server, events), tokens);
    expect(state.issued).toHaveLength(2);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'token-wait', reason: 'token-issuance-budget', waitMs: 40 }),
    );
    const hourly = managerOf({ issuanceBudget: { limit: 1, intervalMs: 3_600_000 } });
    const client = clientOf(state.server, [], 120_000);
    await getData(client, hourly);
    state.expireNext = 1;
    const error = await getData(client, hourly).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(String(error)).toMatch(/at most 1 tokens an hour/);
    expect(state.issued).toHaveLength(3);
  });

  test('a wait for the budget ends when the caller aborts', async () => {
    clock = new Date('2026-03-01T10:00:00Z');
    const state = await startApi();
    const tokens = managerOf({ issuanceBudget: { limit: 1, intervalMs: 60_000 } });
    const client = clientOf(state.server);
    await getData(client, tokens);
    state.expireNext = 1;
    const controller = new AbortController();
    const pending = getData(client, tokens, controller.signal).catch((caught: unknown) => caught);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const startedAt = performance.now();
    controller.abort(new Error('stop'));
    expect(await pending).toMatchObject({ message: 'stop' });
    expect(performance.now() - startedAt).toBeLessThan(1000);
    expect(state.issued).toHaveLength(1);
  });

  test('one caller stopping does not fail another; the fetch stops when nobody waits', async () => {
    clock = new Date('2026-03-01T10:00:00Z');
    const state = await startApi();
    state.tokenLatencyMs = 100;
    const events: TransportEvent[] = [];
    const tokens = managerOf();
    const client = clientOf(state.server, events);
    const stopping = new AbortController();
    const stopped = getData(client, tokens, stopping.signal).catch((caught: unknown) => caught);
    const other = getData(client, tokens);
    await new Promise((resolve) => setTimeout(resolve, 20));
    stopping.abort(new Error('stop'));
    expect(await stopped).toMatchObject({ message: 'stop' });
    expect((await other).echoed).toBe(state.issued[0]);
    expect(state.issued).toHaveLength(1);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'token-wait', reason: 'token-in-flight' }),
    );

    // Alone, the caller's abort abandons the token request itself.
    tokens.invalidate(state.issued[0]!);
    const alone = new AbortController();
    const abandoned = tokens
      .token({ client, signal: alone.signal, maxWaitMs: 1000 })
      .catch((caught: unknown) => caught);
    await new Promise((resolve) => setTimeout(resolve, 20));
    alone.abort(new Error('gone'));
    expect(await abandoned).toMatchObject({ message: 'gone' });
    // A new caller does not join the abandoned fetch: it sends a request of its own.
    const again = await tokens.token({
      client,
      signal: new AbortController().signal,
      maxWaitMs: 1000,
    });
    expect(again).toBe(state.issued.at(-1));
    expect(state.issued).toHaveLength(3);
  });
});
