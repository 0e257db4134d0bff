import type { CliIo } from '../cli/cli-io.ts';
import { line } from '../cli/cli-io.ts';
import { describeError } from '../cli/describe-error.ts';
import { exitCodes } from '../cli/exit-codes.ts';
import { isLoopback } from '../cli/is-loopback.ts';
import type { GlobalOptions } from '../cli/program.ts';
import { UsageError } from '../cli/usage-error.ts';
import { type DashboardServer, startDashboardServer } from '../dashboard/dashboard-server.ts';
import type { CallStore } from '../store/call-store.ts';
import { withStore } from './command-context.ts';

export interface ServeCommandOptions extends GlobalOptions {
  host: string;
  port: number;
}

// Why `listen` failed, for the errors a person can act on.
const listenFailures: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the address is already in use (another cdr serve running?)',
  EADDRNOTAVAIL: 'no network interface of this machine has that address',
  EACCES: 'permission denied (a port below 1024 needs privileges)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved',
};

async function listen(
  io: CliIo,
  store: CallStore,
  options: ServeCommandOptions,
): Promise<DashboardServer> {
  try {
    return await startDashboardServer({
      store,
      host: options.host,
      port: options.port,
      now: io.now,
      onError: (error) => line(io.stderr, `error reading the database: ${describeError(error)}`),
    });
  } catch (error) {
    const reason = listenFailures[(error as NodeJS.ErrnoException).code ?? ''];
    if (!reason) throw error;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    throw new UsageError(`cannot listen on ${host}:${options.port}: ${reason}`);
  }
}

function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal || signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * `cdr serve`: the dashboard over HTTP from the database (SQLite or PostgreSQL) until SIGINT
 * or SIGTERM, following syncs and pushes as they land. Its address goes to standard error,
 * like `receive`'s; standard output stays empty.
 */
export async function runServe(io: CliIo, options: ServeCommandOptions): Promise<number> {
  return withStore(io, options, { mustExist: true }, async (store) => {
    const server = await listen(io, store, options);
    line(io.stderr, `Dashboard of ${store.location} at ${server.url}`);
    line(io.stderr, 'Ctrl-C to stop.');
    // The address bound, not the name given: `localhost` is loopback, another name may not be.
    if (!isLoopback(new URL(server.url).hostname)) {
      line(
        io.stderr,
        `warning: listening on ${options.host}, reachable from the network: anyone who reaches it sees every call, number and recording link, with no login (keep it on 127.0.0.1, or put an authenticating HTTPS proxy in front)`,
      );
    }
    await untilAborted(io.signal);
    await server.close();
    return exitCodes.ok;
  });
}
