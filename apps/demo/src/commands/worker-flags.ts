// `cdr worker`'s flags and help, and its action, which loads the job queue only when it runs.
import { type Command, Option } from 'commander';
import type { GlobalOptions } from '../cli/global-options.ts';
import { examples } from '../cli/help-text.ts';
import { type CommandHost, lazyAction } from '../cli/lazy-action.ts';
import {
  type ListenAddress,
  parseDuration,
  parseListenAddress,
  parsePositiveDuration,
  parsePositiveInteger,
  renamedOption,
} from '../cli/options.ts';
import { addSyncTuningOptions, type SyncTuningOptions } from '../cli/shared-flags.ts';

export interface WorkerOptions extends GlobalOptions, SyncTuningOptions {
  /** Accounts synced at once by this worker. */
  parallel: number;
  /** How often a running sync says it is alive, in milliseconds. */
  heartbeat: number;
  /** The first wait before a failed sync is retried, in milliseconds. */
  retryDelay: number;
  /** One JSON object per job event on standard output. */
  json?: boolean | undefined;
  /** Where `/healthz`, `/readyz` and `/metrics` are served; none unless given. */
  listen?: ListenAddress | undefined;
}

export function defineWorker(program: Command, host: CommandHost): Command {
  return addSyncTuningOptions(
    program
      .command('worker')
      .description(
        'run account syncs from the PostgreSQL job queue until stopped; run several, on several machines',
      )
      .option(
        '--parallel <count>',
        'accounts synced at once by this worker (as sync --parallel)',
        parsePositiveInteger,
        4,
      )
      .addOption(renamedOption('--concurrency', '--parallel'))
      .addOption(
        new Option(
          '--heartbeat <duration>',
          'how often a running sync says it is alive; a worker silent this long has its job retried elsewhere (10s or more)',
        )
          .argParser(parsePositiveDuration)
          .default(parseDuration('30s'), '30s'),
      )
      .addOption(
        new Option(
          '--retry-delay <duration>',
          'the wait before a failed sync is retried, doubling each time',
        )
          .argParser(parsePositiveDuration)
          .default(parseDuration('30s'), '30s'),
      )
      .option('--json', 'one JSON object per job event on standard output')
      .option(
        '--listen <[host:]port>',
        'serve /healthz, /readyz and /metrics (Prometheus) here; a port alone listens on 127.0.0.1',
        parseListenAddress,
      )
      .addHelpText(
        'after',
        examples(
          'cdr --db postgres://cdr@db/cdr --accounts accounts.yaml worker',
          'cdr --db postgres://cdr@db/cdr worker --parallel 8 --json',
          'cdr --db postgres://cdr@db/cdr worker --listen 9464',
        ),
      ),
  ).action(
    lazyAction<WorkerOptions>(host, async () => (await import('./worker-command.ts')).runWorker),
  );
}
