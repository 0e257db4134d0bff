import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { mapConcurrent } from '@cdr/core/provider-utils';
import type { OzonetelSimulator } from '@cdr/ozonetel/testing';
import type { Session } from '../accounts/session.ts';
import type { CliIo } from '../cli/cli-io.ts';
import { line } from '../cli/cli-io.ts';
import { combineExitCodes, exitCodes } from '../cli/exit-codes.ts';
import { demoDashboard, demoDatabase } from '../cli/paths.ts';
import type { GlobalOptions } from '../cli/program.ts';
import { withCleanup } from '../cli/with-cleanup.ts';
import { fileListRows } from '../dashboard/dashboard-data.ts';
import { writeDashboardFile } from '../dashboard/write-dashboard-file.ts';
import { lookupAndStore } from '../providers/ozonetel/lookup-command.ts';
import { pushRoutesOf } from '../providers/push-routes.ts';
import { startPushServer } from '../receive/push-server.ts';
import { formatReport } from '../report/format-report.ts';
import type { CallStore } from '../store/call-store.ts';
import { databaseLocation, withSession, withStore } from './command-context.ts';
import { receiveSummary } from './receive-command.ts';
import { syncSession } from './sync-command.ts';

/** Of the simulated Ozonetel calls, one in this many never reaches the receiver. */
const missedPushEvery = 20;

/**
 * Ozonetel's side of the demo: its simulator pushes each call it still keeps to the push
 * server, as Ozonetel does after each call, except one in twenty whose push is "lost"; those
 * are then looked up by UCID. Every call ends up stored once.
 */
async function receiveAndLookUp(io: CliIo, store: CallStore, session: Session): Promise<number> {
  const simulation = session.simulations.get('ozonetel');
  // The simulated Ozonetel account's own route: other providers' routes come first in folder order.
  const ozonetelAccounts = new Set(
    session.accounts
      .filter((candidate) => candidate.provider === 'ozonetel')
      .map((candidate) => candidate.name),
  );
  const routes = pushRoutesOf(session, { now: io.now, env: io.env }).routes.filter(
    (candidate) => !candidate.tokenInPath && ozonetelAccounts.has(candidate.account),
  );
  const route = routes[0];
  const account = session.accounts.find((candidate) => candidate.name === route?.account);
  if (!simulation || !route || !account) return exitCodes.ok;
  const simulator = simulation.simulator as OzonetelSimulator;
  const calls = simulator.calls().filter((call) => simulator.storeOf(call) !== 'none');
  const pushed = calls.filter((_, index) => index % missedPushEvery !== 0);
  const missed = calls.filter((_, index) => index % missedPushEvery === 0);
  const server = await startPushServer({ store, routes });
  await withCleanup(
    async () => {
      const pushes = mapConcurrent(
        pushed,
        // Both encodings Ozonetel uses: a form with one record, or with a one-record array.
        (call) =>
          simulator.pushCallback(
            server.url + route.path,
            call.ucid,
            call.ucid.endsWith('7') ? 'form-array' : 'form',
          ),
        { concurrency: 8 },
      );
      for await (const _status of pushes) {
        // Each push is counted by the server.
      }
    },
    () => server.close(),
  );
  line(
    io.stdout,
    `${account.name}  pushes received: ${receiveSummary(server.stored, server.rejected, server.ignored)}`,
  );
  line(io.stdout, `${account.name}  looking up the ${missed.length} calls whose push never came`);
  const { exitCode } = await lookupAndStore(
    io,
    store,
    account,
    missed.map((call) => call.ucid),
    {},
  );
  return exitCode;
}

/**
 * `cdr demo`: the tool's whole job against the simulators, in a database of its own (fresh
 * each run, so simulated calls never mix with a real sync's): sync every account that lists
 * calls, take Ozonetel's pushes and look up those that never came, then print the report
 * and write the same figures as the dashboard (`demoDashboard`), its path on standard error.
 */
export async function runDemo(io: CliIo, options: GlobalOptions): Promise<number> {
  const location = options.db !== undefined ? databaseLocation(io, options) : demoDatabase(io);
  if (options.db === undefined) {
    await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(location + suffix, { force: true })));
  }
  return withStore(io, options, { location }, (store) =>
    withSession(io, { ...options, simulated: true }, async (session) => {
      if (!options.quiet)
        line(io.stderr, `Demo: the simulators on 127.0.0.1, stored in ${store.location}`);
      const sync = await syncSession(io, store, session, {
        ...options,
        lookback: 2 * 3_600_000,
        initial: 7 * 86_400_000,
        slice: 86_400_000,
      });
      const lookups = await receiveAndLookUp(io, store, session);
      // One computation for both: the text report and the dashboard beside the database.
      const figures = await store.reportFigures({ breakdown: { listRows: fileListRows } });
      line(io.stdout);
      line(io.stdout, formatReport(figures));
      const dashboard = demoDashboard(io);
      await mkdir(dirname(dashboard), { recursive: true });
      await writeDashboardFile(dashboard, figures, {
        generatedAt: io.now(),
        location: store.location,
      });
      if (!options.quiet) line(io.stderr, `Dashboard: ${dashboard}`);
      return combineExitCodes([sync.exitCode, lookups]);
    }),
  );
}
