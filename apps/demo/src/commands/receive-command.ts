import { parsePublicUrl } from '../cli/options.ts';
import { createProcessRegistry } from '../operations/process-registry.ts';
import { ReceiverMetrics } from '../operations/receiver-metrics.ts';
import { storeReadiness } from '../operations/store-readiness.ts';
import {
  publicUrlVariable,
  pushRoutesOf,
  pushSetupHints,
  simulatedPushHints,
  whoReceives,
} from '../providers/push-routes.ts';
import { type PushRoute, type PushServer, startPushServer } from '../receive/push-server.ts';
import type { CallStore, UpsertCounts } from '../store/call-store.ts';
import type { CliIo } from '../support/cli-io.ts';
import { line } from '../support/cli-io.ts';
import { exitCodes } from '../support/exit-codes.ts';
import { isLoopback } from '../support/is-loopback.ts';
import { listenFailure } from '../support/listen-failure.ts';
import { accountFields, loggerOf } from '../support/logger.ts';
import { untilStopped } from '../support/until-stopped.ts';
import { UsageError } from '../support/usage-error.ts';
import { claimDatabaseFor } from './claim-database.ts';
import { withSession, withStore } from './command-context.ts';
import type { ReceiveOptions } from './receive-flags.ts';

/** `--public-url`, else `CDR_PUBLIC_URL` (checked alike, the error naming the variable). */
function publicUrlOf(io: CliIo, options: ReceiveOptions): string | undefined {
  if (options.publicUrl) return options.publicUrl;
  const value = io.env[publicUrlVariable]?.trim();
  if (!value) return undefined;
  try {
    return parsePublicUrl(value);
  } catch (error) {
    throw new UsageError(`${publicUrlVariable}: ${(error as Error).message}`);
  }
}

async function listen(
  io: CliIo,
  store: CallStore,
  routes: readonly PushRoute[],
  options: ReceiveOptions,
): Promise<PushServer> {
  const registry = createProcessRegistry();
  const metrics = new ReceiverMetrics(registry);
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
      onAccepted: (route, outcome) => metrics.accepted(route.account, outcome),
      onRejected: (reason, route, refusal) => {
        metrics.refused(route?.account, refusal);
        loggerOf(io, options).warn(
          `rejected a push${route ? ` for ${route.account}` : ''}: ${reason}`,
          { ...(route ? accountFields(route.account) : {}), reason },
        );
      },
      operations: { registry, readiness: [storeReadiness(store)] },
    });
  } catch (error) {
    throw listenFailure(error, options, 'another receiver running?');
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

/**
 * `cdr receive`: stores every account's pushes (Ozonetel's post-call callbacks, …) until
 * SIGINT or SIGTERM. Standard output carries one line per call stored; the addresses, hints
 * and the closing summary go to standard error.
 */
export async function runReceive(io: CliIo, options: ReceiveOptions): Promise<number> {
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
      const log = loggerOf(io, options);
      for (const route of routes)
        log.info(`Receiving ${route.description} at ${server.url}${route.path}`, {
          ...accountFields(route.account),
          url: `${server.url}${route.path}`,
        });
      log.info('Ctrl-C to stop.');
      // The address bound, not the name given: `localhost` is loopback, another name may not be.
      if (!isLoopback(new URL(server.url).hostname)) {
        const warning = `listening on ${options.host}, reachable from the network: a push is checked only against a secret (the account's API key, the webhook token) that plain HTTP carries in clear (put HTTPS in front)`;
        log.warn(warning, {}, `warning: ${warning}`);
      }
      if (session.mode === 'simulated') {
        for (const hint of simulatedPushHints(session, pushes, server.url, publicUrl))
          log.info(hint);
      } else {
        for (const hint of pushSetupHints(pushes, server.url, publicUrl)) log.info(hint);
      }
      await untilStopped(io.signal);
      await server.close();
      log.info(receiveSummary(server.stored, server.rejected, server.ignored), {
        ...server.stored,
        rejected: server.rejected,
        ignored: server.ignored,
      });
      return exitCodes.ok;
    }),
  );
}
