import { selectAccounts } from '../accounts/session.ts';
import type { CliIo } from '../support/cli-io.ts';
import { line } from '../support/cli-io.ts';
import { describeError } from '../support/describe-error.ts';
import { exitCodes } from '../support/exit-codes.ts';
import { errorFields, loggerOf } from '../support/logger.ts';
import { formatSeconds } from '../support/table.ts';
import { UsageError } from '../support/usage-error.ts';
import { enqueueSync, openJobQueue, type TickJobData, tickQueue } from '../worker/job-queue.ts';
import { withSession } from './command-context.ts';
import type { ScheduleOptions } from './schedule-flags.ts';
import { postgresLocation } from './worker-command.ts';

/**
 * `cdr schedule`: `--every 5m` has the workers sync each account every five minutes (a
 * cron tick in the queue, run by one worker at a time, enqueues the accounts that are
 * due); `--now` enqueues the accounts at once; `--off` stops the schedule.
 */
export async function runSchedule(io: CliIo, options: ScheduleOptions): Promise<number> {
  const chosen = [options.every !== undefined, options.off === true, options.now === true].filter(
    Boolean,
  ).length;
  if (chosen !== 1) throw new UsageError('give one of --every <duration>, --now or --off');
  if (options.every !== undefined && options.every < 60_000)
    throw new UsageError('--every must be a minute or more (the schedule ticks once a minute)');
  const url = postgresLocation(io, options, 'schedule');
  const log = loggerOf(io, options);
  const boss = await openJobQueue(url, undefined, (error) =>
    log.error(`queue: ${describeError(error)}`, errorFields(error)),
  );
  try {
    if (options.off) {
      await boss.unschedule(tickQueue);
      log.info('Schedule off: workers sync only what is queued by hand (`cdr schedule --now`).');
      return exitCodes.ok;
    }
    if (options.every !== undefined) {
      await boss.schedule(tickQueue, '* * * * *', { everyMs: options.every } satisfies TickJobData);
      log.info(
        `Every account is synced every ${formatSeconds(options.every / 1000)} by the running workers (\`cdr worker\`).`,
        { everyMs: options.every },
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
      if (!options.quiet) log.info(`${queued} syncs queued for the workers.`, { queued });
      return exitCodes.ok;
    });
  } finally {
    await boss.stop({ graceful: false, timeout: 1000 });
  }
}
