import type { CallProvider } from '../call-provider.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { baseUrlProblem } from '../options/base-url.js';
import type { TransportOptions } from '../transport/http-client-options.js';
import { type CallLookups, lookUpByGetCall } from './call-lookups.js';
import type {
  AccountOverrides,
  ConfiguredAccount,
  EnvironmentVariable,
  ProviderDescriptor,
  SimulatedAccounts,
} from './provider-descriptor.js';
import { readVariable } from './provider-descriptor.js';
import type { PushRoutes } from './push-contract.js';
import { withAccountOverrides } from './with-account-overrides.js';

/** One environment variable as a provider declares it; the kit reads and checks it. */
export interface VariableDeclaration {
  name: string;
  /** One line: what it holds and where to find it (`.env.example`, `--help`). */
  description: string;
  /** Holds a credential: never printed, never logged. Default false. */
  secret?: boolean;
  /**
   * Why the variable is needed once the provider is configured at all: unset, it is an
   * `InvalidRequestError` "NAME is missing: <this>".
   */
  required?: string;
  /**
   * Set alone, it configures no account (a host, a zone, a currency): only variables
   * without this flag turn the provider on.
   */
  optional?: boolean;
  /** A base URL: checked (https, or http to loopback; no credentials) before any account. */
  baseUrl?: boolean;
  /** Why a value is refused (`must be a number`), or `undefined` when it is fine. */
  check?: (value: string) => string | undefined;
  /**
   * The setting it fills, as a dot path (`baseUrls.rest`): its value is in the reading's
   * `settings`, and a settings error about that path names the variable too.
   */
  setting?: string;
}

/** What a provider's `fromEnvironment` is given: the declared variables, read and checked. */
export interface EnvironmentReading<Key extends string> {
  /** Each variable's value, trimmed; `undefined` when missing or blank. */
  readonly values: { readonly [K in Key]: string | undefined };
  /** The set variables that declare a `setting`, as a settings object: `{ baseUrls: { rest } }`. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** An `InvalidRequestError` of the provider's, with a message naming what to fix. */
  invalid(message: string): InvalidRequestError;
  /**
   * A pair that goes together (an id and its secret): both values, `undefined` when neither
   * is set, or an error naming the missing one: "B is missing: <what> needs both A and B".
   */
  pair(first: Key, second: Key, what: string): [string, string] | undefined;
}

/** An account the environment configures, its settings still to be checked by the kit. */
export interface EnvironmentAccount<Details> {
  name: string;
  settings: unknown;
  /** What the account keeps beside its settings (a webhook-signing token given with a key). */
  details?: Details | undefined;
}

/** What a provider's simulator starter is given: every option resolved. */
export interface SimulatorStart {
  seed: number;
  now: Date;
  calls: number;
  days: number;
  latencyMs: number;
}

/** A simulator: what the kit stops when the tool is done. */
export interface Stoppable {
  stop(): Promise<void>;
}

/** A seeded account of a simulator: its settings (checked like any others) and ground truth. */
export interface SimulatedAccount {
  name: string;
  settings: unknown;
  /** The ids of the calls the account lists in a window. */
  expectedCallIds(window: { from: Date; to: Date }): string[];
  /** Where the provider pushes: as `SimulatedAccounts.pushCalls`, for this account. */
  pushCalls?(
    url: string,
    withhold: (index: number) => boolean,
  ): Promise<{ pushed: number; withheld: string[] }>;
}

interface BaseSettings {
  name?: string | undefined;
  transport?: TransportOptions | undefined;
}

/** A provider's descriptor as data: the kit writes the reading, checking and simulating. */
export interface ProviderDescriptorDefinition<
  Key extends string,
  Settings extends BaseSettings,
  Provider extends CallProvider,
  Extra extends object,
  Details,
  Simulator extends Stoppable,
> {
  provider: string;
  displayName: string;
  /** Every variable, in the order `.env.example` lists them. */
  variables: Readonly<Record<Key, VariableDeclaration>>;
  /** Dot paths of the settings that hold secrets: an accounts file gives them by reference. */
  secretSettings: readonly string[];
  /** The provider's strict settings check (an `InvalidRequestError` naming the problem). */
  parseSettings(input: unknown, what: string): Settings;
  /** Builds the provider from settings already checked (they are not parsed again). */
  create(settings: Settings): Provider;
  /** The accounts the (checked) variables configure; called only when one is set. */
  fromEnvironment(reading: EnvironmentReading<Key>): readonly EnvironmentAccount<Details>[];
  /**
   * What else a tool may read of an account (a webhook's key), and secrets it holds beyond
   * its `secretSettings` (a signing token kept beside them). Default: nothing more.
   */
  describe?(
    settings: Settings,
    details: Details | undefined,
  ): Extra & { secrets?: readonly (string | undefined)[] };
  /**
   * The provider's pushes, when it sends any, written for what they read of an account
   * (`PushRoutes<{ name: string; apiKey: string }>`): `describe` must give those fields.
   */
  push?: PushRoutes<never>;
  /**
   * Looking calls up by id: what the provider calls its ids, which it can never find, and
   * how to look a batch up where one `getCall` per id (the default) is not the best way.
   */
  lookup?: Partial<CallLookups<Provider>> | undefined;
  simulator: {
    /** Calls and days when the options leave them out. */
    defaults: { calls: number; days: number };
    /** Starts the simulator on 127.0.0.1 (imported only now: it is test code). */
    start(options: SimulatorStart): Promise<Simulator>;
    /** The simulator's seeded accounts. */
    accounts(simulator: Simulator): readonly SimulatedAccount[];
  };
}

/** An account built by a defined descriptor: its provider's own type, and its extras. */
export type DefinedAccount<Provider extends CallProvider, Extra extends object> = Omit<
  ConfiguredAccount,
  'create'
> &
  Extra & { create(overrides?: AccountOverrides): Provider };

/** The value at a dot path (`credentials.token`), or `undefined` where the path ends early. */
function valueAt(settings: object, path: string): unknown {
  let value: unknown = settings;
  for (const part of path.split('.'))
    value = typeof value === 'object' && value !== null ? Reflect.get(value, part) : undefined;
  return value;
}

/** Sets a dot path's value, making the objects on the way. */
function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let object = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof object[part] !== 'object' || object[part] === null) object[part] = {};
    object = object[part] as Record<string, unknown>;
  }
  object[parts.at(-1)!] = value;
}

/** The account type of a descriptor: `AccountOf<typeof twilioDescriptor>`. */
export type AccountOf<Descriptor> =
  Descriptor extends ProviderDescriptor<infer Account> ? Account : never;

/**
 * A `ProviderDescriptor` from its data: the variables are read once (trimmed, blanks unset),
 * checked (required ones, base URLs, each variable's own check) with errors that name the
 * variable and never its value, settings are parsed once per account, and `simulate()`
 * resolves its options and checks the seeded accounts like configured ones.
 */
export function defineProviderDescriptor<
  Key extends string,
  Settings extends BaseSettings,
  Provider extends CallProvider,
  Extra extends object,
  Details = never,
  Simulator extends Stoppable = Stoppable,
>(
  definition: ProviderDescriptorDefinition<Key, Settings, Provider, Extra, Details, Simulator>,
): ProviderDescriptor<DefinedAccount<Provider, Extra>> {
  const { provider, displayName, variables } = definition;
  const keys = Object.keys(variables) as Key[];
  const invalid = (message: string) => new InvalidRequestError({ provider, message });

  function account(
    name: string,
    settings: Settings,
    details?: Details,
  ): DefinedAccount<Provider, Extra> {
    const { secrets = [], ...extra } = definition.describe?.(settings, details) ?? {};
    const declared = definition.secretSettings.map((path) => valueAt(settings, path));
    return {
      ...(extra as Extra),
      secrets: [...new Set([...declared, ...secrets])].filter(
        (secret): secret is string => typeof secret === 'string',
      ),
      name,
      provider,
      create: (overrides?: AccountOverrides) =>
        definition.create({ ...withAccountOverrides(settings, overrides), name }),
    };
  }

  function read(env: Readonly<Record<string, string | undefined>>): EnvironmentReading<Key> {
    const values = Object.fromEntries(
      keys.map((key) => [key, readVariable(env, variables[key].name)]),
    ) as Record<Key, string | undefined>;
    for (const key of keys) {
      const { name, required, baseUrl, check } = variables[key];
      const value = values[key];
      if (value === undefined) {
        if (required !== undefined) throw invalid(`${name} is missing: ${required}`);
        continue;
      }
      const problem = baseUrl ? baseUrlProblem(value) : undefined;
      if (problem) throw invalid(`${name}: ${problem}`);
      const refused = check?.(value);
      if (refused) throw invalid(`${name} ${refused}`);
    }
    const settings: Record<string, unknown> = {};
    for (const key of keys) {
      const { setting } = variables[key];
      if (setting !== undefined && values[key] !== undefined) setAt(settings, setting, values[key]);
    }
    return {
      values,
      settings,
      invalid,
      pair(first, second, what) {
        const [a, b] = [values[first], values[second]];
        if (a === undefined && b === undefined) return undefined;
        if (a === undefined || b === undefined) {
          const [one, other] = [variables[first].name, variables[second].name];
          throw invalid(
            `${a === undefined ? one : other} is missing: ${what} needs both ${one} and ${other}`,
          );
        }
        return [a, b];
      },
    };
  }

  return {
    provider,
    displayName,
    environment: keys.map((key): EnvironmentVariable => {
      const { name, description, secret, required } = variables[key];
      return { name, description, secret: secret ?? false, required: required !== undefined };
    }),
    secretSettings: definition.secretSettings,
    // Not checked against `Extra` here: that would fix `Extra` before `describe` is read
    // (and the account type cannot be named in the push's file without a cycle).
    push: definition.push as PushRoutes<DefinedAccount<Provider, Extra>> | undefined,
    lookup: {
      idName: definition.lookup?.idName ?? 'call id',
      ...(definition.lookup?.idProblem ? { idProblem: definition.lookup.idProblem } : {}),
      lookUp: definition.lookup?.lookUp ?? lookUpByGetCall,
    } satisfies CallLookups<Provider>,

    fromEnvironment(env) {
      const configured = keys.some(
        (key) => !variables[key].optional && readVariable(env, variables[key].name) !== undefined,
      );
      if (!configured) return [];
      return definition.fromEnvironment(read(env)).map((entry) => {
        try {
          const settings = definition.parseSettings(entry.settings, `${displayName} environment`);
          return account(entry.name, settings, entry.details);
        } catch (error) {
          // The settings' words (`baseUrls.piopiy`) with the variable's, which is what to fix.
          const variable = keys
            .map((key) => variables[key])
            .find(({ setting }) => setting && String(error).includes(`\`${setting}\``));
          if (!variable || !InvalidRequestError.isInstance(error)) throw error;
          throw invalid(
            `${error.message} (\`${variable.setting}\` is ${variable.name}, for ${entry.name})`,
          );
        }
      });
    },

    fromSettings(name, settings) {
      return account(name, definition.parseSettings(settings, `${displayName} settings`));
    },

    async simulate(options = {}): Promise<SimulatedAccounts<DefinedAccount<Provider, Extra>>> {
      const { defaults } = definition.simulator;
      const simulator = await definition.simulator.start({
        seed: options.seed ?? 2026,
        // The simulated clock: data sets end at its time (the system clock unless given).
        now: options.now?.() ?? new Date(),
        calls: options.calls ?? defaults.calls,
        days: options.days ?? defaults.days,
        latencyMs: options.latencyMs ?? 0,
      });
      const seeded = definition.simulator.accounts(simulator);
      const accounts = seeded.map((entry) =>
        account(entry.name, definition.parseSettings(entry.settings, `${displayName} simulator`)),
      );
      return {
        accounts,
        expectedCallIds(name, window) {
          const entry = seeded.find((candidate) => candidate.name === name);
          if (!entry) throw new Error(`no simulated ${displayName} account ${name}`);
          return entry.expectedCallIds(window);
        },
        // Only for a simulator that pushes; an account of it that does not pushes nothing.
        ...(seeded.some((entry) => entry.pushCalls)
          ? {
              async pushCalls(name: string, url: string, withhold: (index: number) => boolean) {
                const entry = seeded.find((candidate) => candidate.name === name);
                return entry?.pushCalls?.(url, withhold) ?? { pushed: 0, withheld: [] };
              },
            }
          : {}),
        simulator,
        stop: () => simulator.stop(),
      };
    },
  };
}
