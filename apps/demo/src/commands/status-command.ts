import type { CliIo } from '../support/cli-io.ts';
import { line, shownZone } from '../support/cli-io.ts';
import { exitCodes } from '../support/exit-codes.ts';
import { outputFormat, printJson, unknownValue } from '../support/output.ts';
import { formatSeconds, formatTable } from '../support/table.ts';
import { formatShownMinute } from '../support/time-zone.ts';
import { readQueueStatus } from '../worker/queue-status.ts';
import { databaseLocation, withSession, withStore } from './command-context.ts';
import type { StatusOptions } from './status-flags.ts';

/** `cdr status`: every account, configured or seen in the database, with its sync state. */
export async function runStatus(io: CliIo, options: StatusOptions): Promise<number> {
  const json = outputFormat(options) === 'json';
  const zone = shownZone(io);
  const shown = (instant: Date | undefined) =>
    instant ? formatShownMinute(instant, zone) : unknownValue;
  return withStore(io, options, { mustExist: true }, (store) =>
    withSession(io, { ...options, announce: false }, async (session) => {
      // Workers' queue (PostgreSQL only): what is queued or running, and the schedule.
      const queue =
        store.kind === 'postgres'
          ? await readQueueStatus(databaseLocation(io, options))
          : undefined;
      const states = new Map((await store.accountStates()).map((state) => [state.account, state]));
      const quarantined = new Map<string, number>();
      for (const record of await store.quarantined())
        quarantined.set(record.account, (quarantined.get(record.account) ?? 0) + 1);
      const names = [
        ...new Set([...session.accounts.map((account) => account.name), ...states.keys()]),
      ];
      const now = io.now().getTime();
      /** The next sync: a queued job's start, a running one, or the schedule's next turn. */
      const nextRun = (name: string): { state: string; at: Date | null } | null => {
        const job = queue?.jobs.get(name);
        if (job) return { state: job.state, at: job.state === 'running' ? null : job.startAfter };
        const state = states.get(name);
        if (state?.parkedAt || queue?.everyMs === undefined) return null;
        const last = state?.lastAttemptAt?.getTime();
        return {
          state: 'scheduled',
          at: new Date(last === undefined ? now : Math.max(now, last + queue.everyMs)),
        };
      };
      const rows = names.map((name) => {
        const account = session.accounts.find((candidate) => candidate.name === name);
        const state = states.get(name);
        return {
          account: name,
          provider: account?.provider ?? name.split(':')[0]!,
          configured: account !== undefined,
          cursor: state?.position ?? null,
          lagSeconds: state?.position
            ? Math.max(0, Math.round((now - state.position.getTime()) / 1000))
            : null,
          lastAttemptAt: state?.lastAttemptAt ?? null,
          lastSuccessAt: state?.lastSuccessAt ?? null,
          lastError: state?.lastError ?? null,
          lastErrorAt: state?.lastErrorAt ?? null,
          parkedAt: state?.parkedAt ?? null,
          quarantined: quarantined.get(name) ?? 0,
          nextRun: nextRun(name),
        };
      });
      if (json) {
        printJson(io, { mode: session.mode, database: store.location, accounts: rows });
        return exitCodes.ok;
      }
      line(
        io.stdout,
        `mode: ${session.mode === 'simulated' ? 'simulators on 127.0.0.1 (no account configured)' : 'real APIs'}`,
      );
      line(io.stdout, `database: ${store.location}`);
      line(
        io.stdout,
        formatTable(
          ['account', 'last success', 'cursor', 'lag', 'next run', 'quarantined', 'last error'],
          rows.map((row) => [
            row.configured ? row.account : `${row.account} (not configured)`,
            shown(row.lastSuccessAt ?? undefined),
            shown(row.cursor ?? undefined),
            row.lagSeconds === null ? unknownValue : formatSeconds(row.lagSeconds),
            row.nextRun === null
              ? unknownValue
              : row.nextRun.at === null
                ? row.nextRun.state
                : `${row.nextRun.state} ${shown(row.nextRun.at)}`,
            String(row.quarantined),
            row.parkedAt
              ? `PARKED (cdr state unpark): ${row.lastError ?? ''}`
              : (row.lastError ?? unknownValue),
          ]),
        ),
      );
      const kept = [...quarantined.values()].reduce((sum, count) => sum + count, 0);
      if (kept > 0)
        line(
          io.stdout,
          `${kept} record(s) that cannot be trusted are kept aside: \`cdr quarantine list\` shows them, \`cdr quarantine retry\` lists their windows again`,
        );
      return exitCodes.ok;
    }),
  );
}
