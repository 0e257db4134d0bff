import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Session } from '../accounts/session.ts';
import { fileListRows } from '../dashboard/dashboard-data.ts';
import { writeDashboardFile } from '../dashboard/write-dashboard-file.ts';
import { pushRoutesOf } from '../providers/push-routes.ts';
import { startPushServer } from '../receive/push-server.ts';
import { formatReport } from '../report/format-report.ts';
import type { CallStore } from '../store/call-store.ts';
import type { CliIo } from '../support/cli-io.ts';
import { line } from '../support/cli-io.ts';
import { combineExitCodes } from '../support/exit-codes.ts';
import { loggerOf } from '../support/logger.ts';
import { demoDashboard, demoDatabase } from '../support/paths.ts';
import { withCleanup } from '../support/with-cleanup.ts';
import { databaseLocation, withSession, withStore } from './command-context.ts';
import type { DemoOptions } from './demo-flags.ts';
import { lookupAndStore } from './lookup-command.ts';
import { receiveSummary } from './receive-command.ts';
import { syncSession } from './sync-command.ts';

/** Of the calls a simulator pushes, one in this many never reaches the receiver. */
const missedPushEvery = 20;

/**
 * The pushes of the demo: each simulated account whose simulator pushes sends the calls it
 * keeps to its route on a push server, as its provider does after each call, except one in
 * twenty whose push is "lost"; those are then looked up by id. Every call ends up stored once.
 */
async function receiveAndLookUp(io: CliIo, store: CallStore, session: Session): Promise<number> {
  const outcomes: number[] = [];
  for (const { route, account } of pushRoutesOf(session, { now: io.now, env: io.env }).mounted) {
    const simulation = session.simulations.get(account.provider);
    const sessionAccount = session.accounts.find((candidate) => candidate.name === account.name);
    if (!simulation?.pushCalls || !sessionAccount) continue;
    const pushCalls = simulation.pushCalls.bind(simulation);
    // A server of its own per account: what it counts is that account's pushes.
    const server = await startPushServer({ store, routes: [route] });
    const { pushed, withheld } = await withCleanup(
      () =>
        pushCalls(account.name, server.url + route.path, (index) => index % missedPushEvery === 0),
      () => server.close(),
    );
    if (pushed + withheld.length === 0) continue;
    line(
      io.stdout,
      `${account.name}  pushes received: ${receiveSummary(server.stored, server.rejected, server.ignored)}`,
    );
    if (withheld.length === 0) continue;
    line(
      io.stdout,
      `${account.name}  looking up the ${withheld.length} calls whose push never came`,
    );
    outcomes.push((await lookupAndStore(io, store, sessionAccount, withheld, {})).exitCode);
  }
  return combineExitCodes(outcomes);
}

/**
 * `cdr demo`: the tool's whole job against the simulators, in a database of its own (fresh
 * each run, so simulated calls never mix with a real sync's): sync every account that lists
 * calls, take the simulators' pushes and look up those that never came, then print the report
 * and write the same figures as the dashboard (`demoDashboard`), its path on standard error.
 */
export async function runDemo(io: CliIo, options: DemoOptions): Promise<number> {
  const location = options.db !== undefined ? databaseLocation(io, options) : demoDatabase(io);
  if (options.db === undefined) {
    await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(location + suffix, { force: true })));
  }
  return withStore(io, options, { location }, (store) =>
    withSession(io, { ...options, simulated: true }, async (session) => {
      const log = loggerOf(io, options);
      if (!options.quiet)
        log.info(`Demo: the simulators on 127.0.0.1, stored in ${store.location}`, {
          database: store.location,
        });
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
      if (!options.quiet) log.info(`Dashboard: ${dashboard}`, { dashboard });
      return combineExitCodes([sync.exitCode, lookups]);
    }),
  );
}
