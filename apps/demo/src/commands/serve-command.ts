import { type DashboardServer, startDashboardServer } from '../dashboard/dashboard-server.ts';
import { registerAccountStateMetrics } from '../operations/account-state-metrics.ts';
import { createProcessRegistry } from '../operations/process-registry.ts';
import { storeReadiness } from '../operations/store-readiness.ts';
import type { CallStore } from '../store/call-store.ts';
import type { CliIo } from '../support/cli-io.ts';
import { shownZone } from '../support/cli-io.ts';
import { describeError } from '../support/describe-error.ts';
import { exitCodes } from '../support/exit-codes.ts';
import { isLoopback } from '../support/is-loopback.ts';
import { listenFailure } from '../support/listen-failure.ts';
import { errorFields, loggerOf } from '../support/logger.ts';
import { untilStopped } from '../support/until-stopped.ts';
import { withStore } from './command-context.ts';
import type { ServeOptions } from './serve-flags.ts';

async function listen(
  io: CliIo,
  store: CallStore,
  options: ServeOptions,
): Promise<DashboardServer> {
  const registry = createProcessRegistry();
  const onError = (error: unknown) =>
    loggerOf(io, options).error(
      `error reading the database: ${describeError(error)}`,
      errorFields(error),
    );
  registerAccountStateMetrics(registry, { store, now: io.now, onError });
  try {
    return await startDashboardServer({
      store,
      host: options.host,
      port: options.port,
      now: io.now,
      timeZone: shownZone(io),
      onError,
      operations: { registry, readiness: [storeReadiness(store)] },
    });
  } catch (error) {
    throw listenFailure(error, options, 'another cdr serve running?');
  }
}

/**
 * `cdr serve`: the dashboard over HTTP from the database (SQLite or PostgreSQL) until SIGINT
 * or SIGTERM, following syncs and pushes as they land. Its address goes to standard error,
 * like `receive`'s; standard output stays empty.
 */
export async function runServe(io: CliIo, options: ServeOptions): Promise<number> {
  return withStore(io, options, { mustExist: true }, async (store) => {
    const server = await listen(io, store, options);
    const log = loggerOf(io, options);
    log.info(`Dashboard of ${store.location} at ${server.url}`, {
      database: store.location,
      url: server.url,
    });
    log.info('Ctrl-C to stop.');
    // The address bound, not the name given: `localhost` is loopback, another name may not be.
    if (!isLoopback(new URL(server.url).hostname)) {
      const warning = `listening on ${options.host}, reachable from the network: anyone who reaches it sees every call, number and recording link, with no login (keep it on 127.0.0.1, or put an authenticating HTTPS proxy in front)`;
      log.warn(warning, {}, `warning: ${warning}`);
    }
    await untilStopped(io.signal);
    await server.close();
    return exitCodes.ok;
  });
}
