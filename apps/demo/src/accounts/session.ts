import type { CallProvider, TransportEvent } from '@cdr/core';
import { InvalidRequestError } from '@cdr/core';
import type {
  ConfiguredAccount,
  ProviderDescriptor,
  SimulatedAccounts,
} from '@cdr/core/provider-utils';
import type { RejectedRecord } from '../store/quarantine.ts';
import type { CliIo } from '../support/cli-io.ts';
import { line } from '../support/cli-io.ts';
import type { Logger } from '../support/logger.ts';
import { userPath } from '../support/paths.ts';
import { UsageError } from '../support/usage-error.ts';
import { readAccountsFile } from './accounts-file.ts';

/** One account of a session, with its provider built on first use. */
export interface SessionAccount {
  name: string;
  /** The provider family: `telecmi`. */
  provider: string;
  configured: ConfiguredAccount;
  /** The account's provider, built once with the session's transport settings. */
  client(): CallProvider;
  /** `total-changed` events its provider reported so far (the sync lists a slice again). */
  totalChanges(): number;
  /**
   * `total-mismatch` events of a short page its provider reported so far: a listing that
   * ended where the provider's own total said more calls were (the sync lists the slice
   * again, and never moves its cursor over one that stays short).
   */
  shortListings(): number;
  /** The records its listings kept aside (`record-rejected`) since the last call: for the quarantine. */
  takeRejected(): RejectedRecord[];
}

export interface Session {
  /** `simulated`: no account is configured, the simulators stand in for the providers. */
  mode: 'simulated' | 'configured';
  accounts: SessionAccount[];
  /** The simulations started, by provider family (simulated mode only). */
  simulations: ReadonlyMap<string, SimulatedAccounts>;
  /** Every secret of every account: a tool keeps them out of its own output. */
  secrets: readonly string[];
  close(): Promise<void>;
}

export interface SessionOptions {
  /** An accounts file (`--accounts`, or `CDR_ACCOUNTS`). */
  accountsFile?: string | undefined;
  /** Per-attempt time to headers and longest body silence, in ms. */
  requestTimeoutMs?: number | undefined;
  /** Retries after a failed request. */
  retries?: number | undefined;
  /** Whether to say on stderr that the simulators stand in (not for commands whose output is JSON). */
  announce?: boolean | undefined;
  /** Use the simulators even when accounts are configured (`cdr demo`). */
  simulated?: boolean | undefined;
  /**
   * Where the session's notices and its providers' transport events go (`-v`), told every
   * account's secrets so that none reaches a log line. Default: notices as text on stderr.
   */
  logger?: Logger | undefined;
  /** Told every transport and listing event of every account's provider (for metrics). */
  onTransportEvent?:
    | ((account: { name: string; provider: string }, event: TransportEvent) => void)
    | undefined;
}

/** The accounts the environment and the accounts file configure; names must be unique. */
function configuredAccounts(
  io: CliIo,
  descriptors: readonly ProviderDescriptor[],
  options: SessionOptions,
): ConfiguredAccount[] {
  const configured: ConfiguredAccount[] = [];
  try {
    for (const descriptor of descriptors) configured.push(...descriptor.fromEnvironment(io.env));
  } catch (error) {
    if (error instanceof InvalidRequestError)
      throw new UsageError(error.message.replace(/^\[[^\]]+\]\s*/, ''));
    throw error;
  }
  const accountsFile = options.accountsFile ?? io.env.CDR_ACCOUNTS?.trim();
  if (accountsFile)
    configured.push(...readAccountsFile(userPath(io, accountsFile), descriptors, io.env));
  const seen = new Set<string>();
  for (const account of configured) {
    if (seen.has(account.name))
      throw new UsageError(
        `two accounts are named "${account.name}" (the environment and the accounts file?): names must be unique`,
      );
    seen.add(account.name);
  }
  return configured;
}

/**
 * The accounts a command talks to: those an accounts file and the environment configure,
 * or, when there are none, the simulators' seeded accounts on 127.0.0.1. Configuration
 * mistakes end here, before any request, as one line naming the variable, file or field.
 */
export async function openSession(
  io: CliIo,
  descriptors: readonly ProviderDescriptor[],
  options: SessionOptions = {},
): Promise<Session> {
  let configured = options.simulated ? [] : configuredAccounts(io, descriptors, options);

  const simulations = new Map<string, SimulatedAccounts>();
  const mode = configured.length === 0 ? 'simulated' : 'configured';
  if (mode === 'simulated') {
    try {
      for (const descriptor of descriptors) {
        const simulation = await descriptor.simulate({ ...io.simulation, now: io.now });
        simulations.set(descriptor.provider, simulation);
      }
    } catch (error) {
      // Those already listening are stopped: a failed start leaves no server behind.
      await Promise.allSettled([...simulations.values()].map((simulation) => simulation.stop()));
      throw error;
    }
    configured = [...simulations.values()].flatMap((simulation) => simulation.accounts);
    if (options.announce !== false && !options.simulated) {
      const notice =
        'No accounts configured: using the simulators on 127.0.0.1 (see .env.example).';
      if (options.logger) options.logger.info(notice);
      else line(io.stderr, notice);
    }
  }

  const transport = {
    // Behind a corporate proxy, as curl and npm are: HTTP_PROXY, HTTPS_PROXY and NO_PROXY from
    // the CLI's environment. Not for the simulators, which this process runs on 127.0.0.1,
    // where a corporate proxy cannot reach them.
    ...(mode === 'configured' ? { proxy: { environment: io.env } } : {}),
    ...(options.requestTimeoutMs
      ? { timeouts: { headersMs: options.requestTimeoutMs, bodyMs: options.requestTimeoutMs } }
      : {}),
    ...(options.retries !== undefined ? { retry: { maxRetries: options.retries } } : {}),
  };
  const clients: CallProvider[] = [];
  const allSecrets = configured.flatMap((account) => account.secrets);
  // The simulators' keys are this run's own, printed on purpose (`receive`'s test push).
  if (mode === 'configured') options.logger?.redact(allSecrets);
  const accounts = configured.map((account): SessionAccount => {
    let client: CallProvider | undefined;
    let changes = 0;
    let shortListings = 0;
    let rejected: RejectedRecord[] = [];
    // Its name and provider only: a listener never holds the account's settings.
    const who = { name: account.name, provider: account.provider };
    const onEvent = (event: TransportEvent) => {
      options.logger?.transportEvent(event);
      options.onTransportEvent?.(who, event);
      if (event.type === 'total-changed') changes++;
      else if (event.type === 'total-mismatch' && event.reason === 'short-page') shortListings++;
      else if (event.type === 'record-rejected')
        rejected.push({
          account: account.name,
          provider: event.provider,
          id: event.id,
          endpoint: event.endpoint,
          reason: event.message,
          raw: event.raw,
          window: event.window,
        });
    };
    return {
      name: account.name,
      provider: account.provider,
      configured: account,
      client() {
        if (!client) {
          client = account.create({
            // Every account's secrets, not only its own: one account's echoed in another's
            // records never reaches the database.
            transport: { ...transport, onEvent, redact: allSecrets },
            // Not `concurrency`: each account's own (its settings, the provider's default).
            now: io.now,
          });
          clients.push(client);
        }
        return client;
      },
      totalChanges: () => changes,
      shortListings: () => shortListings,
      takeRejected() {
        const taken = rejected;
        rejected = [];
        return taken;
      },
    };
  });
  return {
    mode,
    accounts,
    simulations,
    secrets: configured.flatMap((account) => account.secrets),
    async close() {
      const results = await Promise.allSettled([
        ...clients.map((client) => client.close?.()),
        ...[...simulations.values()].map((simulation) => simulation.stop()),
      ]);
      const failure = results.find((result) => result.status === 'rejected');
      if (failure) throw (failure as PromiseRejectedResult).reason;
    },
  };
}

/**
 * The accounts a `--provider` selection names: `telecmi` selects every
 * TeleCMI account, `telecmi:rest-app` one account. An unknown name is a usage error that
 * says what there is.
 */
export function selectAccounts(
  session: Session,
  names: readonly string[] | undefined,
): SessionAccount[] {
  if (!names || names.length === 0) return session.accounts;
  for (const name of names) {
    if (!session.accounts.some((account) => account.name === name || account.provider === name)) {
      throw new UsageError(
        `no account "${name}"; configured: ${session.accounts.map((account) => account.name).join(', ') || 'none'}`,
      );
    }
  }
  return session.accounts.filter(
    (account) => names.includes(account.name) || names.includes(account.provider),
  );
}
