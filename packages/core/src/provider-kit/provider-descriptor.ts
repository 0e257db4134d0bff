import type { CallProvider } from '../call-provider.js';
import type { TransportOptions } from '../transport/http-client-options.js';
import type { CallLookups } from './call-lookups.js';
import type { RateLimitSetting } from './create-call-provider.js';
import type { PushRoutes } from './push-contract.js';

/** An environment variable a provider reads, as `.env.example` and `--help` document it. */
export interface EnvironmentVariable {
  name: string;
  /** One line: what it holds and where to find it. */
  description: string;
  /** Whether it holds a credential (never printed, never logged). */
  secret: boolean;
  /** Whether an account configured from the environment cannot do without it. */
  required?: boolean | undefined;
}

/**
 * A variable's value as a descriptor reads it: trimmed, and unset when missing or blank
 * (an empty `TELECMI_APP_ID=` line in `.env` configures nothing).
 */
export function readVariable(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** What a tool may set on every account it creates, whatever the provider. */
export interface AccountOverrides {
  transport?: TransportOptions | undefined;
  rateLimit?: RateLimitSetting | undefined;
  concurrency?: number | undefined;
  now?: (() => Date) | undefined;
}

/** One account a tool can sync: its instance name and how to build its provider. */
export interface ConfiguredAccount {
  /** The instance name, unique within a tool: `telecmi:rest-user`, `twilio:main`. */
  name: string;
  /** The provider family: `telecmi`. */
  provider: string;
  /** The credentials' secrets, for a tool to keep out of its own output. */
  secrets: readonly string[];
  /** Builds the provider; settings were checked when the account was configured. */
  create(overrides?: AccountOverrides): CallProvider;
}

export interface SimulationOptions {
  seed?: number | undefined;
  /** The simulated clock: data sets end at its time. Default: the system clock. */
  now?: (() => Date) | undefined;
  /** Calls per simulated account (roughly). */
  calls?: number | undefined;
  /** Days of calls before now. */
  days?: number | undefined;
  latencyMs?: number | undefined;
}

/** A provider's simulator, started with seeded accounts that need no credentials. */
export interface SimulatedAccounts<Account extends ConfiguredAccount = ConfiguredAccount> {
  accounts: Account[];
  /** The ids of the calls an account lists in a window (its ground truth). */
  expectedCallIds(account: string, window: { from: Date; to: Date }): string[];
  /** The simulator itself, for what only that provider does: its `/testing` class. */
  simulator: unknown;
  /**
   * Where the provider pushes: sends each call the account keeps to `url` as the provider
   * does after a call, except those `withhold` holds back (a demo's lost pushes), and
   * resolves to their ids. Absent where the simulator pushes nothing; an account that does
   * not push pushes nothing (`{ pushed: 0, withheld: [] }`).
   */
  pushCalls?(
    account: string,
    url: string,
    withhold: (index: number) => boolean,
  ): Promise<{ pushed: number; withheld: string[] }>;
  stop(): Promise<void>;
}

/**
 * What a provider package tells a tool about itself, so that a sync tool can use any
 * provider without knowing it: its name, the environment variables it reads, how to build
 * accounts from them or from a settings object (an accounts file), and how to start its
 * simulator with seeded accounts. Each provider package exports one from its main entry
 * (`telecmiDescriptor`, `twilioDescriptor`, …), written with `defineProviderDescriptor`;
 * its simulator is loaded only when asked for.
 */
export interface ProviderDescriptor<Account extends ConfiguredAccount = ConfiguredAccount> {
  /** The provider family, as in `Call.provider`: `twilio`. */
  readonly provider: string;
  /** How people write it: `Twilio`. */
  readonly displayName: string;
  /** Every variable `fromEnvironment` reads. */
  readonly environment: readonly EnvironmentVariable[];
  /**
   * The settings that hold secrets, as dot paths (`credentials.token`, `apiKey`): an
   * accounts file must give these as references (an environment variable, a file), never
   * inline.
   */
  readonly secretSettings?: readonly string[];
  /**
   * The accounts the environment configures: none when none of its variables is set. A
   * half-configured account (an id without its secret) is an `InvalidRequestError` naming
   * the missing variable, before any request.
   */
  fromEnvironment(env: Readonly<Record<string, string | undefined>>): Account[];
  /**
   * An account from a settings object, as an accounts file gives it (credentials already
   * resolved from their references): checked with the provider's strict settings schema.
   */
  fromSettings(name: string, settings: unknown): Account;
  /** Starts the provider's simulator on 127.0.0.1 with seeded accounts. */
  simulate(options?: SimulationOptions): Promise<SimulatedAccounts<Account>>;
  /** The provider's pushes (webhooks, callbacks), for a receiver to mount; absent: none. */
  readonly push?: PushRoutes<Account> | undefined;
  /** Calls looked up by their ids (`cdr lookup`); absent: by none. */
  readonly lookup?: CallLookups<ReturnType<Account['create']>> | undefined;
}
