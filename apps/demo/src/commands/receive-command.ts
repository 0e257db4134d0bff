import type { CliIo } from '../cli/cli-io.ts';
import { line } from '../cli/cli-io.ts';
import { exitCodes } from '../cli/exit-codes.ts';
import { isLoopback } from '../cli/is-loopback.ts';
import { parsePublicUrl } from '../cli/options.ts';
import type { GlobalOptions } from '../cli/program.ts';
import { UsageError } from '../cli/usage-error.ts';
import {
  publicUrlVariable,
  pushRoutesOf,
  pushSetupHints,
  simulatedPushHints,
  whoReceives,
} from '../providers/push-routes.ts';
import { type PushRoute, type PushServer, startPushServer } from '../receive/push-server.ts';
import type { CallStore, UpsertCounts } from '../store/call-store.ts';
import { claimDatabaseFor } from './claim-database.ts';
import { withSession, withStore } from './command-context.ts';

export interface ReceiveCommandOptions extends GlobalOptions {
  host: string;
  port: number;
  /** A prefix before every account's path (a reverse proxy that keeps its own). */
  path?: string | undefined;
  /** The receiver's public URL, which Twilio signs (default `CDR_PUBLIC_URL`). */
  publicUrl?: string | undefined;
}

/** `--public-url`, else `CDR_PUBLIC_URL` (checked alike, the error naming the variable). */
function publicUrlOf(io: CliIo, options: ReceiveCommandOptions): string | undefined {
  if (options.publicUrl) return options.publicUrl;
  const value = io.env[publicUrlVariable]?.trim();
  if (!value) return undefined;
  try {
    return parsePublicUrl(value);
  } catch (error) {
    throw new UsageError(`${publicUrlVariable}: ${(error as Error).message}`);
  }
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
  io: CliIo,
  store: CallStore,
  routes: readonly PushRoute[],
  options: ReceiveCommandOptions,
): Promise<PushServer> {
  try {
    return await startPushServer({
      store,
      routes,
      host: options.host,
      port: options.port,
      pushAge: { now: io.now },
      // Each call pushed is a line of output: what the receiver did with it.
      onCall: (call, outcome) => {
        const what = { inserted: 'stored', updated: 'updated', unchanged: 'repeat' }[outcome];
        line(io.stdout, `${what} ${call.provider} ${call.id}`);
      },
      onRejected: (reason, route) =>
        line(io.stderr, `rejected a push${route ? ` for ${route.account}` : ''}: ${reason}`),
    });
  } catch (error) {
    const reason = listenFailures[(error as NodeJS.ErrnoException).code ?? ''];
    if (!reason) throw error;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    throw new UsageError(`cannot listen on ${host}:${options.port}: ${reason}`);
  }
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** `2 pushes: 1 call stored, 1 repeat`: what reached the store, counted by the upserts. */
export function receiveSummary(stored: UpsertCounts, rejected: number, ignored = 0): string {
  const pushes = stored.inserted + stored.updated + stored.unchanged + rejected + ignored;
  return [
    `${plural(pushes, 'push', 'pushes')}: ${plural(stored.inserted, 'call', 'calls')} stored`,
    ...(stored.updated > 0 ? [`${stored.updated} updated`] : []),
    ...(stored.unchanged > 0 ? [plural(stored.unchanged, 'repeat', 'repeats')] : []),
    ...(ignored > 0 ? [`${ignored} without a call`] : []),
    ...(rejected > 0 ? [`${rejected} rejected`] : []),
  ].join(', ');
}

function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal || signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * `cdr receive`: stores every account's pushes (Ozonetel's post-call callbacks, …) until
 * SIGINT or SIGTERM. Standard output carries one line per call stored; the addresses, hints
 * and the closing summary go to standard error.
 */
export async function runReceive(io: CliIo, options: ReceiveCommandOptions): Promise<number> {
  return withStore(io, options, {}, (store) =>
    withSession(io, options, async (session) => {
      // Simulated pushes (no account configured) never land in a real database, nor real ones in the demo's.
      await claimDatabaseFor(store, session, options);
      const publicUrl = publicUrlOf(io, options);
      const pushes = pushRoutesOf(session, {
        now: io.now,
        env: io.env,
        prefix: options.path,
        publicUrl,
      });
      const routes = pushes.routes;
      if (routes.length === 0)
        throw new UsageError(
          `no configured account receives pushes (${session.accounts.map((account) => account.name).join(', ')}); ${whoReceives()}`,
        );
      const server = await listen(io, store, routes, options);
      for (const route of routes)
        line(io.stderr, `Receiving ${route.description} at ${server.url}${route.path}`);
      line(io.stderr, 'Ctrl-C to stop.');
      // The address bound, not the name given: `localhost` is loopback, another name may not be.
      if (!isLoopback(new URL(server.url).hostname)) {
        line(
          io.stderr,
          `warning: listening on ${options.host}, reachable from the network: a push is checked only against a secret (the account's API key, the webhook token) that plain HTTP carries in clear (put HTTPS in front)`,
        );
      }
      if (session.mode === 'simulated') {
        for (const hint of simulatedPushHints(session, pushes, server.url, publicUrl))
          line(io.stderr, hint);
      } else {
        for (const hint of pushSetupHints(pushes, server.url, publicUrl)) line(io.stderr, hint);
      }
      await untilAborted(io.signal);
      await server.close();
      line(io.stderr, receiveSummary(server.stored, server.rejected, server.ignored));
      return exitCodes.ok;
    }),
  );
}
