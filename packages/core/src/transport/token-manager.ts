import { createHash } from 'node:crypto';
import { RateLimitedError } from '../errors/index.js';
import type { HttpClient } from './http-client.js';
import { sleep } from './sleep.js';
import { untilAborted } from './until-aborted.js';

/** How a provider obtains a bearer token: one request of its own, through the client given. */
export interface TokenManagerOptions {
  /** The provider family, for errors. */
  provider: string;
  /** Names the token endpoint in errors, e.g. `POST /ca_apis/CAToken/generateToken`. */
  endpoint: string;
  /**
   * Sends the token request through `client` (the transport of the instance that needs
   * the token: its retries, timeouts, events) under `signal`, and returns the token. The
   * token is a secret of `client` before `issue` returns (see `TokenManager.token`).
   */
  issue(client: HttpClient, signal: AbortSignal): Promise<string>;
  /** How long a token may be used after it is obtained. */
  lifetimeMs: number;
  /** A token this close to its end is not used for a new request (it could expire in flight). Default 30 s. */
  refreshMarginMs?: number | undefined;
  /** The provider's limit on issuing tokens (Ozonetel: 10 an hour), kept on the clock given. */
  issuanceBudget?: { limit: number; intervalMs: number } | undefined;
  /** The clock tokens' ages and the issuance budget are read on. */
  now: () => Date;
}

/** What the transport hands the manager when a request needs a token. */
export interface TokenRequest {
  /** The transport of the instance asking: the token request goes through it, and the token becomes its secret. */
  client: HttpClient;
  /** The caller's signal: every wait for a token ends when it aborts. */
  signal: AbortSignal;
  /** The longest wait for the issuance budget; a longer one is a `RateLimitedError`. */
  maxWaitMs: number;
  /** Told of every wait before it starts (the transport reports it as an event). */
  onWait?:
    | ((wait: { reason: 'token-issuance-budget' | 'token-in-flight'; waitMs?: number }) => void)
    | undefined;
}

interface Pending {
  promise: Promise<string>;
  controller: AbortController;
  waiters: number;
}

const defaultRefreshMarginMs = 30_000;
// Tokens kept to be redacted by an instance that starts sharing the manager later.
const keptTokens = 4;

/**
 * A bearer token for one account: obtained on demand, reused while valid, dropped when the
 * provider says it expired (the transport then asks once more with a fresh one, inside its
 * one retry loop), issued within the provider's budget.
 *
 * Every wait is tied to the caller's signal and reported: a request waiting for a token
 * another request is fetching stops waiting when its own signal aborts, and the fetch
 * itself is abandoned once no caller waits for it any more (one listing stopping never
 * fails another's, and a stopped sync leaves nothing running).
 */
export class TokenManager {
  readonly #options: TokenManagerOptions;
  #current: { value: string; expiresAt: number } | undefined;
  #pending: Pending | undefined;
  /** When tokens were issued, on the manager's clock, oldest first. */
  readonly #issuedAt: number[] = [];
  /** The last few tokens obtained, newest last. */
  readonly #recent: string[] = [];
  /** Tokens issued so far. */
  issuedCount = 0;

  constructor(options: TokenManagerOptions) {
    this.#options = options;
  }

  /**
   * The manager of one account, shared by every instance of it in the process: with
   * providers where a new token invalidates the previous one (Ozonetel), two managers of
   * one account would expire each other's tokens in turn. `account` identifies it (base
   * URL, user, key): it is hashed, so the registry holds no credential.
   */
  static shared(account: readonly string[], create: () => TokenManager): TokenManager {
    const key = createHash('sha256').update(JSON.stringify(account)).digest('hex');
    const existing = registry.get(key)?.deref();
    if (existing) return existing;
    const created = create();
    registry.set(key, new WeakRef(created));
    return created;
  }

  /**
   * A valid token: the current one while it lasts, else a new one (one request at a time,
   * whoever asks). The token is added to `request.client`'s secrets before it is returned,
   * and every token obtained before it too.
   */
  async token(request: TokenRequest): Promise<string> {
    request.signal.throwIfAborted();
    for (const token of this.#recent) request.client.redactor.add(token);
    const current = this.#current;
    const margin = this.#options.refreshMarginMs ?? defaultRefreshMarginMs;
    if (current && this.#options.now().getTime() < current.expiresAt - margin) return current.value;
    // A fetch every waiter gave up on is aborted: never joined.
    let pending = this.#pending?.controller.signal.aborted ? undefined : this.#pending;
    if (pending) request.onWait?.({ reason: 'token-in-flight' });
    else {
      const controller = new AbortController();
      const created: Pending = {
        controller,
        waiters: 0,
        promise: this.#obtain(request, controller.signal).finally(() => {
          if (this.#pending === created) this.#pending = undefined;
        }),
      };
      pending = this.#pending = created;
    }
    pending.waiters++;
    try {
      const token = await untilAborted(pending.promise, request.signal);
      request.client.redactor.add(token);
      return token;
    } finally {
      pending.waiters--;
      // Nobody waits for this token any more: stop fetching it.
      if (pending.waiters === 0 && request.signal.aborted)
        pending.controller.abort(request.signal.reason);
    }
  }

  /** Drops `stale` (refused as expired), so that the next `token()` obtains a new one. */
  invalidate(stale: string): void {
    if (this.#current?.value === stale) this.#current = undefined;
  }

  async #obtain(request: TokenRequest, signal: AbortSignal): Promise<string> {
    const budget = this.#options.issuanceBudget;
    if (budget) {
      const now = this.#options.now().getTime();
      const issuedAt = this.#issuedAt;
      while (issuedAt.length > 0 && issuedAt[0]! <= now - budget.intervalMs) issuedAt.shift();
      if (issuedAt.length >= budget.limit) {
        const waitMs = issuedAt[0]! + budget.intervalMs - now;
        if (waitMs > request.maxWaitMs) {
          throw new RateLimitedError({
            provider: this.#options.provider,
            endpoint: this.#options.endpoint,
            retryAfterMs: waitMs,
            message: `at most ${budget.limit} tokens ${describePer(budget.intervalMs)} are issued; the next in ${Math.ceil(waitMs / 1000)} s`,
          });
        }
        request.onWait?.({ reason: 'token-issuance-budget', waitMs });
        // Waited once, not re-checked: the clock may be one a test holds still.
        await sleep(waitMs, signal);
        issuedAt.shift();
      }
    }
    const token = await this.#options.issue(request.client, signal);
    // A secret from this moment: before anything else sees it.
    request.client.redactor.add(token);
    this.#recent.push(token);
    if (this.#recent.length > keptTokens) this.#recent.shift();
    const obtainedAt = this.#options.now().getTime();
    this.#issuedAt.push(obtainedAt);
    this.issuedCount++;
    this.#current = { value: token, expiresAt: obtainedAt + this.#options.lifetimeMs };
    return token;
  }
}

const registry = new Map<string, WeakRef<TokenManager>>();

function describePer(ms: number): string {
  if (ms === 3_600_000) return 'an hour';
  if (ms === 60_000) return 'a minute';
  return `in ${ms} ms`;
}
