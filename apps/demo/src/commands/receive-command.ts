import type { CallStore, UpsertCounts } from '../call-store.ts';
import { type CallbackReceiver, startCallbackReceiver } from '../callback-receiver.ts';
import { type CliIo, exitCodes, line } from '../cli-io.ts';
import { isLoopback } from '../is-loopback.ts';
import type { Session } from '../session.ts';
import type { SimulatedWorld } from '../simulated-world.ts';
import { UsageError } from '../usage-error.ts';

export interface ReceiveCommandOptions {
  host: string;
  port: number;
  path: string;
}

// Why `listen` failed, for the errors a person can act on.
const listenFailures: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the address is already in use (another receiver running?)',
  EADDRNOTAVAIL: 'no network interface of this machine has that address',
  EACCES: 'permission denied (a port below 1024 needs privileges)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved',
};

async function listen(
  store: CallStore,
  apiKey: string,
  io: CliIo,
  options: ReceiveCommandOptions,
): Promise<CallbackReceiver> {
  try {
    return await startCallbackReceiver({
      store,
      apiKey,
      now: io.now,
      host: options.host,
      port: options.port,
      path: options.path,
      onCall: (call, outcome) => {
        const what = { inserted: 'stored', updated: 'updated', unchanged: 'repeat' }[outcome];
        line(io.stdout, `${what} ${call.provider} ${call.id}`);
      },
      onRejected: (reason) => line(io.stderr, `rejected a push: ${reason}`),
    });
  } catch (error) {
    const reason = listenFailures[(error as NodeJS.ErrnoException).code ?? ''];
    if (!reason) throw error;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    throw new UsageError(`cannot listen on ${host}:${options.port}: ${reason}`);
  }
}

/** Single-quoted for a POSIX shell. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * A ready `curl` command that pushes one of the simulated account's calls, as Ozonetel
 * would: a form with the CDR as JSON in `data`, carrying the (simulated) key. The fields
 * are those the mapping reads, to keep the line short.
 */
function testPushCommand(url: string, world: SimulatedWorld): string | undefined {
  // A call Ozonetel still keeps: older ones would not be pushed, and the receiver refuses them.
  const call = world.ozonetel
    .calls()
    .find((candidate) => world.ozonetel.storeOf(candidate) !== 'none');
  if (!call) return undefined;
  const fields = [
    'monitorUCID',
    'Type',
    'Status',
    'DialStatus',
    'CallerID',
    'StartTime',
    'EndTime',
    'TimeToAnswer',
    'CallDuration',
    'Duration',
    'AgentID',
    'AgentName',
    'Apikey',
  ];
  const record = Object.fromEntries(
    fields.filter((field) => field in call.record).map((field) => [field, call.record[field]]),
  );
  return `curl --data-urlencode ${shellQuote(`data=${JSON.stringify(record)}`)} ${url}`;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** `2 pushes: 1 call stored, 1 repeat`: what reached the store, counted by the upserts. */
function summary(stored: UpsertCounts, rejected: number): string {
  const pushes = stored.inserted + stored.updated + stored.unchanged + rejected;
  return [
    `${plural(pushes, 'push', 'pushes')}: ${plural(stored.inserted, 'call', 'calls')} stored`,
    ...(stored.updated > 0 ? [`${stored.updated} updated`] : []),
    ...(stored.unchanged > 0 ? [plural(stored.unchanged, 'repeat', 'repeats')] : []),
    ...(rejected > 0 ? [`${rejected} rejected`] : []),
  ].join(', ');
}

/** Stores Ozonetel's callback pushes until the process is told to stop. */
export async function runReceive(
  io: CliIo,
  store: CallStore,
  session: Session,
  options: ReceiveCommandOptions,
): Promise<number> {
  const apiKey = session.providers.ozonetelApiKey;
  if (!apiKey)
    throw new UsageError('Ozonetel is not configured: set OZONETEL_USER_NAME and OZONETEL_API_KEY');
  const receiver = await listen(store, apiKey, io, options);
  line(io.stdout, `Receiving Ozonetel callbacks at ${receiver.url} (Ctrl-C to stop)`);
  // The address bound, not the name given: `localhost` is loopback, another name may not be.
  if (!isLoopback(new URL(receiver.url).hostname)) {
    line(
      io.stderr,
      `warning: listening on ${options.host}, reachable from the network: a push is checked only against the account's API key, which plain HTTP carries in clear (put HTTPS in front)`,
    );
  }
  if (session.world) {
    // The simulated account's key is made up by the simulator at start: not a secret, and
    // without it nobody could push a test call. A real account's key is never printed.
    line(
      io.stdout,
      `Simulated account: pushes must carry the simulator's API key ${apiKey} (generated for this run, not a secret).`,
    );
    const command = testPushCommand(receiver.url, session.world);
    if (command) line(io.stdout, `Push a test call:\n  ${command}`);
  } else {
    line(io.stdout, 'Pushes must carry the account’s API key (OZONETEL_API_KEY).');
  }
  await new Promise<void>((resolve) => {
    if (!io.signal || io.signal.aborted) return resolve();
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await receiver.close();
  line(io.stdout, summary(receiver.stored, receiver.rejected));
  return exitCodes.ok;
}
