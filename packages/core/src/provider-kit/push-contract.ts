import type { Call } from '../call.js';
import type { ConfiguredAccount, EnvironmentVariable } from './provider-descriptor.js';

/** A push as a receiver got it, the body read whole. */
export interface ReceivedPush {
  /** `POST` or `GET`: one of the route's `methods`. */
  method: string;
  /** The URL as called: path (with the secret segment, on a token route) and query. */
  url: URL;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
  /** The media type without its parameters, or `''`. */
  contentType: string;
}

/** Why a push is refused: the status to answer, and the reason the operator reads. */
export interface PushRefusal {
  /** 404 for a wrong path token (answered as a path that does not exist), else 401 or 403. */
  status: 401 | 403 | 404;
  reason: string;
}

/**
 * One account's pushes, as every provider implements them: `verify` (a signature or a
 * shared secret, compared in constant time), `parse` (the calls a push carries, with the
 * listing's mapping) and, where a provider pushes a call in parts or its listing tells more,
 * `merge` (the stored call and the pushed one as one call).
 */
export interface PushHandler {
  /** `undefined` when the push is the account's; else why not. Nothing is parsed before. */
  verify(push: ReceivedPush): PushRefusal | undefined;
  /** The calls of a verified push, or why it carries none (a live event, a call not over). */
  parse(push: ReceivedPush): Call[] | { ignored: string };
  merge?(stored: Call | undefined, pushed: Call): Call;
}

/** What a receiver gives a provider when it mounts an account's route. */
export interface PushContext {
  /** The receiver's clock: when a push came, for what the push itself does not say. */
  now: () => Date;
  /** The secret path segment, on a provider with a `tokenVariable`. */
  token?: string | undefined;
  /** The receiver's public URL (`https://cdr.example.com`), what a signing provider signs. */
  publicUrl?: string | undefined;
}

/** A push a simulator would send, for a person to try a route by hand (`curl`). */
export interface TestPush {
  headers?: Readonly<Record<string, string>> | undefined;
  /** A form, shown field by field (`--data-urlencode`). */
  form?: Readonly<Record<string, string>> | undefined;
  /** Or the body as sent. */
  body?: string | undefined;
}

/**
 * A provider's pushes as its descriptor declares them: a receiver (`cdr receive`) mounts a
 * route per account (or one per provider) from this alone, naming no provider.
 */
export interface PushRoutes<Account extends Pick<ConfiguredAccount, 'name'> = ConfiguredAccount> {
  /** What the provider calls its pushes: `status callbacks`, `CDR webhooks`. */
  readonly what: string;
  /**
   * `account`: one route per account, at its name's path (`/acme/x` for `acme:x`);
   * `provider`: one route for the provider (`/telecmi`), for the first account `accepts`.
   */
  readonly route: 'account' | 'provider';
  /** The methods the provider pushes with. Default POST only. */
  readonly methods?: readonly ('POST' | 'GET')[] | undefined;
  /**
   * A provider that signs nothing: the route's last path segment is the check, a secret held
   * in this variable (16 characters or more); without it set, the provider is not received.
   */
  readonly tokenVariable?: EnvironmentVariable | undefined;
  /** The provider signs the URL it calls: a receiver behind a proxy needs its public URL. */
  readonly signsUrl?: boolean | undefined;
  /** How a push is checked, for the operator: `checked against the account's API key`. */
  readonly check: string;
  /** Which accounts push. Default every one. */
  accepts?(account: Account): boolean;
  /**
   * Why an account cannot be received (a credential that signs nothing), naming what to
   * set; `undefined` when it can. Default: every account can.
   */
  problem?(account: Account): string | undefined;
  /** The handler of one account's pushes (one `problem` finds nothing wrong with). */
  handler(account: Account, context: PushContext): PushHandler;
  /** What to register where, for the operator, given the route's URL as the provider calls it. */
  setup(account: Account, url: string): string;
  /** With the simulators: the made-up secret a push needs (not a secret: made up for the run). */
  simulatedNote?(account: Account): string;
  /** With the simulators: a push the simulator would send to `url`, signed for it if need be. */
  testPush?(simulator: unknown, url: string): TestPush | undefined;
}
