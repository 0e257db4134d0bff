// `cdr schedule`'s flags and help, and its action, which loads the job queue only when it runs.
import { type Command, Option } from 'commander';
import type { GlobalOptions } from '../cli/global-options.ts';
import { examples } from '../cli/help-text.ts';
import { type CommandHost, lazyAction } from '../cli/lazy-action.ts';
import { collect, parsePositiveDuration } from '../cli/options.ts';

export interface ScheduleOptions extends GlobalOptions {
  /** Sync each account this often, in milliseconds. */
  every?: number | undefined;
  /** Stop the schedule. */
  off?: boolean | undefined;
  /** Queue a sync of each account now. */
  now?: boolean | undefined;
  /** With `now`: only these accounts. */
  provider?: string[] | undefined;
}

export function defineSchedule(program: Command, host: CommandHost): Command {
  return program
    .command('schedule')
    .description('have the workers sync every account every so often, or queue them all now')
    .addOption(
      new Option('--every <duration>', 'sync each account this often (1m or more)').argParser(
        parsePositiveDuration,
      ),
    )
    .option('--now', 'queue a sync of each account now')
    .option('--off', 'stop the schedule')
    .option('--provider <name>', 'with --now: only these accounts; repeatable', collect)
    .addHelpText(
      'after',
      examples(
        'cdr --db postgres://cdr@db/cdr schedule --every 5m',
        'cdr --db postgres://cdr@db/cdr schedule --now --provider acme:support',
      ),
    )
    .action(
      lazyAction<ScheduleOptions>(
        host,
        async () => (await import('./schedule-command.ts')).runSchedule,
      ),
    );
}
