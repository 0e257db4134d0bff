import { selectAccounts } from '../accounts/session.ts';
import type { CliIo } from '../cli/cli-io.ts';
import { line } from '../cli/cli-io.ts';
import { describeError } from '../cli/describe-error.ts';
import { exitCodes } from '../cli/exit-codes.ts';
import type { GlobalOptions } from '../cli/program.ts';
import { formatSeconds } from '../cli/table.ts';
import { UsageError } from '../cli/usage-error.ts';
import { enqueueSync, openJobQueue, type TickJobData, tickQueue } from '../worker/job-queue.ts';
import { withSession } from './command-context.ts';
import { postgresLocation } from './worker-command.ts';

export interface ScheduleCommandOptions extends GlobalOptions {
  every?: number | undefined;
  off?: boolean | undefined;
  now?: boolean | undefined;
  provider?: string[] | undefined;
}

/**
 * `cdr schedule`: `--every 5m` has the workers sync each account every five minutes (a
 * cron tick in the queue, run by one worker at a time, enqueues the accounts that are
 * due); `--now` enqueues the accounts at once; `--off` stops the schedule.
 */
export async function runSchedule(io: CliIo, options: ScheduleCommandOptions): Promise<number> {
  const chosen = [options.every !== undefined, options.off === true, options.now === true].filter(
    Boolean,
  ).length;
  if (chosen !== 1) throw new UsageError('give one of --every <duration>, --now or --off');
  if (options.every !== undefined && options.every < 60_000)
    throw new UsageError('--every must be a minute or more (the schedule ticks once a minute)');
  const url = postgresLocation(io, options, 'schedule');
  const boss = await openJobQueue(url, undefined, (error) =>
    line(io.stderr, `queue: ${describeError(error)}`),
  );
  try {
    if (options.off) {
      await boss.unschedule(tickQueue);
      line(
        io.stderr,
        'Schedule off: workers sync only what is queued by hand (`cdr schedule --now`).',
      );
      return exitCodes.ok;
    }
    if (options.every !== undefined) {
      await boss.schedule(tickQueue, '* * * * *', { everyMs: options.every } satisfies TickJobData);
      line(
        io.stderr,
        `Every account is synced every ${formatSeconds(options.every / 1000)} by the running workers (\`cdr worker\`).`,
      );
      return exitCodes.ok;
    }
    return await withSession(io, { ...options, announce: !options.quiet }, async (session) => {
      let queued = 0;
      for (const account of selectAccounts(session, options.provider)) {
        const added = await enqueueSync(boss, account.name);
        if (added) queued++;
        line(io.stdout, `${account.name}  ${added ? 'queued' : 'already queued'}`);
      }
      if (!options.quiet) line(io.stderr, `${queued} syncs queued for the workers.`);
      return exitCodes.ok;
    });
  } finally {
    await boss.stop({ graceful: false, timeout: 1000 });
  }
}
