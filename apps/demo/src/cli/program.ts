// The `cdr` command line: flags, help and exit codes. Commands load what they need when they
// run (providers, the store, the job queue), so `cdr --help` and `cdr calls` start fast.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
// The version this build was made from: tsup inlines the app's package.json into the bundle
// (the packed and installed `cdr` reads no file for it), and source runs read the same file.
import packageJson from '../../package.json' with { type: 'json' };
import { numberFilterDigits } from '../store/call-filter.ts';
import type { CliIo } from './cli-io.ts';
import { line } from './cli-io.ts';
import { describeError, errorDetails } from './describe-error.ts';
import { exitCodes } from './exit-codes.ts';
import { guardOutput, isReaderGone } from './guard-output.ts';
import {
  collect,
  parseDuration,
  parseHost,
  parseInstant,
  parsePort,
  parsePositiveDuration,
  parsePositiveInteger,
  parsePublicUrl,
  parseUrlPath,
} from './options.ts';
import { outputOptions } from './output.ts';
import { parseTypedInstant } from './typed-instant.ts';
import { UsageError } from './usage-error.ts';

// The Call model's directions and statuses, spelled here so that parsing the command line
// loads no provider code (program.test.ts checks them against @cdr/core's).
export const directionChoices = ['inbound', 'outbound', 'unknown'] as const;
export const statusChoices = ['answered', 'missed', 'busy', 'failed', 'unknown'] as const;

/** The flags every command understands, after commander has parsed them. */
export interface GlobalOptions {
  db?: string | undefined;
  accounts?: string | undefined;
  requestTimeout?: number | undefined;
  retries?: number | undefined;
  quiet?: boolean | undefined;
  verbose?: boolean | undefined;
  allowSimulated?: boolean | undefined;
}

export const version: string = packageJson.version;

const exitCodeHelp = `
Exit codes:
  0  done
  1  a usage or local error (a flag, a file, the database, the configuration)
  2  a provider failed (every account or lookup the command ran)
  3  partial success (some accounts or lookups failed, the others are done)
  130  interrupted (Ctrl-C); 143: terminated (SIGTERM); what was committed stays
       (worker, serve and receive stop cleanly on either: 0)`;

const examples = (...lines: string[]) =>
  `\nExamples:\n${lines.map((text) => `  $ ${text}`).join('\n')}`;

function parseNumberFilter(value: string): string {
  if (numberFilterDigits(value) === undefined)
    throw new InvalidArgumentError(
      'Use a phone number, or at least its last 3 digits (+919876543210, 09876543210, 43210).',
    );
  return value;
}

function addWindowOptions(command: Command, what: string, now: () => Date): Command {
  return command
    .option(
      '--from <when>',
      `${what} from (a date, a date and time in India, an ISO instant, or 2h/7d ago)`,
      (value) => parseInstant(value, now()),
    )
    .option('--to <when>', `${what} up to (same forms; default now)`, (value) =>
      parseInstant(value, now()),
    );
}

function addFilterOptions(command: Command, now: () => Date): Command {
  return addWindowOptions(command, 'calls started', now)
    .option(
      '--provider <name>',
      'a provider (telecmi, ozonetel, …) or one account (telecmi:rest-app); repeatable',
      collect,
    )
    .addOption(new Option('--direction <direction>', 'call direction').choices(directionChoices))
    .addOption(new Option('--status <status>', 'call status').choices(statusChoices))
    .option(
      '--number <number>',
      'calls from or to this number (+91…, 0…, 10 digits, or its last digits)',
      parseNumberFilter,
    )
    .option('--agent <agent>', 'calls handled by this agent (id or name)');
}

/** How a sync walks an account's time: shared by `sync` and `worker`. */
function addSyncTuningOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--lookback <duration>',
        'start this long before the last sync, to catch calls published late',
      )
        .argParser(parseDuration)
        .default(parseDuration('2h'), '2h'),
    )
    .addOption(
      new Option('--initial <duration>', 'how far back an account never synced starts')
        .argParser(parsePositiveDuration)
        .default(parseDuration('7d'), '7d'),
    )
    .addOption(
      new Option('--slice <duration>', 'list and commit the window in slices this long')
        .argParser(parsePositiveDuration)
        .default(parseDuration('1d'), '1d'),
    );
}

function addSyncOptions(command: Command, now: () => Date): Command {
  return addSyncTuningOptions(
    addWindowOptions(command, 'sync calls', now).option(
      '--provider <name>',
      'only these accounts: a provider (telecmi) or an account (telecmi:rest-app); repeatable',
      collect,
    ),
  ).option('--parallel <count>', 'accounts synced at once (default 4)', parsePositiveInteger);
}

/** The command-line program; `io` carries the streams, environment and clock so tests run it in-process. */
export function createProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('cdr')
    .description(
      "Sync call-detail records from telephony providers (TeleCMI, Ozonetel, …) into SQLite or PostgreSQL, and query, export and report on them.\nWith no account configured, every command runs against the providers' simulators.",
    )
    .version(version, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .option(
      '--db <location>',
      'the database: a SQLite file, or a postgres:// URL (default: $CDR_DB, $DATABASE_URL, or ~/.local/share/cdr/cdr.sqlite)',
    )
    .option(
      '--accounts <file>',
      'an accounts file (JSON or YAML) beside the environment’s accounts (default: $CDR_ACCOUNTS)',
    )
    .option(
      '--request-timeout <ms>',
      'per-attempt time to headers and longest body silence',
      parsePositiveInteger,
    )
    .option('--retries <count>', 'retries after a failed request (default 4)', (value) =>
      value === '0' ? 0 : parsePositiveInteger(value),
    )
    .option('-q, --quiet', 'print only the command’s data, no summaries on stderr')
    .option('-v, --verbose', 'print more on stderr; errors with their stack (also DEBUG=cdr)')
    .option(
      '--allow-simulated',
      'with no account configured, write the simulators’ calls into a database that holds real accounts’ calls (on purpose)',
    )
    .addHelpText('after', exitCodeHelp);

  const globals = (command: Command) =>
    command.optsWithGlobals<GlobalOptions & Record<string, unknown>>();
  const run =
    <Module>(
      load: () => Promise<Module>,
      pick: (module: Module) => (io: CliIo, options: never, ...rest: never[]) => Promise<number>,
    ) =>
    async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      const options = { ...globals(command) };
      const positional = args.slice(0, -2);
      const action = pick(await load());
      setExitCode(
        await (
          action as (
            io: CliIo,
            options: Record<string, unknown>,
            ...rest: unknown[]
          ) => Promise<number>
        )(io, options, ...positional),
      );
    };

  addSyncOptions(
    program
      .command('sync')
      .description('sync calls into the database: since each account’s last sync, or a window')
      .addHelpText(
        'after',
        examples(
          'cdr sync',
          'cdr sync --provider telecmi --from 2026-11-01 --to 2026-11-08',
          'cdr --db postgres://cdr@db/cdr sync --accounts accounts.yaml',
        ),
      ),
    io.now,
  )
    .addOption(outputOptions()[0]!)
    .addOption(outputOptions()[1]!)
    .action(
      run(
        () => import('../commands/sync-command.ts'),
        (module) => module.runSync,
      ),
    );

  addFilterOptions(
    program
      .command('calls')
      .description('list stored calls, newest first')
      .addHelpText(
        'after',
        examples(
          'cdr calls --status missed --direction inbound',
          'cdr calls --number 9876543210 --json',
          'cdr calls --from 7d -o csv > calls.csv',
        ),
      ),
    io.now,
  )
    .option('--limit <count>', 'how many to show', parsePositiveInteger, 50)
    .option(
      '--offset <count>',
      'skip this many first',
      (value) => (value === '0' ? 0 : parsePositiveInteger(value)),
      0,
    )
    .addOption(outputOptions(['table', 'json', 'csv'])[0]!)
    .addOption(outputOptions()[1]!)
    .action(
      run(
        () => import('../commands/calls-command.ts'),
        (module) => module.runCalls,
      ),
    );

  addFilterOptions(
    program
      .command('export')
      .description(
        'stream stored calls as NDJSON (whole calls) or CSV, to a file written atomically or to stdout',
      )
      .addHelpText(
        'after',
        examples(
          'cdr export --format ndjson | jq .id',
          'cdr export --format csv --out calls.csv --from 2026-11-01',
        ),
      ),
    io.now,
  )
    .requiredOption('--format <format>', 'ndjson or csv', (value) => {
      if (value !== 'ndjson' && value !== 'csv')
        throw new InvalidArgumentError('Use ndjson or csv.');
      return value;
    })
    .option('--out <file>', 'write to this file (default: standard output)')
    .action(
      run(
        () => import('../commands/export-command.ts'),
        (module) => module.runExport,
      ),
    );

  addWindowOptions(
    program
      .command('report')
      .description(
        'calls per day, answer rate, unreturned missed calls, time and cost, busiest agents',
      )
      .addHelpText(
        'after',
        examples(
          'cdr report',
          'cdr report --from 7d --direction inbound',
          'cdr report --json',
          'cdr report --html report.html',
        ),
      ),
    'report on calls started',
    io.now,
  )
    .option('--provider <name>', 'a provider or one account; repeatable', collect)
    .addOption(new Option('--direction <direction>', 'call direction').choices(directionChoices))
    .option('--top <count>', 'rows in the missed-call and agent lists', parsePositiveInteger, 5)
    .option(
      '--html <file>',
      'also write the dashboard: one self-contained HTML file, filterable in the browser',
    )
    .addOption(outputOptions()[0]!)
    .addOption(outputOptions()[1]!)
    .action(
      run(
        () => import('../commands/report-command.ts'),
        (module) => module.runReport,
      ),
    );

  program
    .command('check')
    .description('test each account’s credentials with one cheap request, without syncing')
    .option('--provider <name>', 'only these accounts; repeatable', collect)
    .addOption(outputOptions()[0]!)
    .addOption(outputOptions()[1]!)
    .addHelpText('after', examples('cdr check', 'cdr check --provider ozonetel --json'))
    .action(
      run(
        () => import('../commands/check-command.ts'),
        (module) => module.runCheck,
      ),
    );

  program
    .command('status')
    .description('each account: mode, last successful sync, cursor, lag, last error')
    .addOption(outputOptions()[0]!)
    .addOption(outputOptions()[1]!)
    .addHelpText('after', examples('cdr status', 'cdr status --json'))
    .action(
      run(
        () => import('../commands/status-command.ts'),
        (module) => module.runStatus,
      ),
    );

  const state = program.command('state').description('move an account’s sync cursor, or unpark it');
  state
    .command('reset')
    .description(
      'move an account’s cursor back (or clear it), so the next sync lists that time again',
    )
    .argument('<account>', 'the account, e.g. telecmi:rest-user')
    .option(
      '--to <when>',
      'where the cursor goes, not after now (default: cleared: the next sync starts --initial ago)',
      (value) => parseTypedInstant(value, io.now()),
    )
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText(
      'after',
      examples(
        'cdr state reset telecmi:rest-user --to 2026-11-20',
        'cdr state reset ozonetel --yes',
      ),
    )
    .action(
      run(
        () => import('../commands/state-command.ts'),
        (module) => module.runStateReset,
      ),
    );

  state
    .command('unpark')
    .description('let workers sync an account again after it was parked for refused credentials')
    .argument('<account>', 'the account, e.g. twilio:acme')
    .addHelpText('after', examples('cdr --db postgres://cdr@db/cdr state unpark telecmi:acme'))
    .action(
      run(
        () => import('../commands/state-command.ts'),
        (module) => module.runStateUnpark,
      ),
    );

  const quarantine = program
    .command('quarantine')
    .description('the records providers sent that cannot be trusted, kept aside by the syncs');
  quarantine
    .command('list')
    .description(
      'the records kept aside: account, call, when seen, and why (--json: with their raw form)',
    )
    .option('--account <account>', 'only this account’s, e.g. twilio:main')
    .addOption(outputOptions()[0]!)
    .addOption(outputOptions()[1]!)
    .addHelpText(
      'after',
      examples('cdr quarantine list', 'cdr quarantine list --json | jq .records[0].raw'),
    )
    .action(
      run(
        () => import('../commands/quarantine-command.ts'),
        (module) => module.runQuarantineList,
      ),
    );
  addSyncTuningOptions(
    quarantine
      .command('retry')
      .description(
        'list again the windows the records came from: one now readable is stored and released, one still bad stays',
      )
      .option('--account <account>', 'only this account’s, e.g. twilio:main')
      .addHelpText(
        'after',
        examples('cdr quarantine retry', 'cdr quarantine retry --account twilio:main'),
      ),
  ).action(
    run(
      () => import('../commands/quarantine-command.ts'),
      (module) => module.runQuarantineRetry,
    ),
  );

  addSyncTuningOptions(
    program
      .command('worker')
      .description(
        'run account syncs from the PostgreSQL job queue until stopped; run several, on several machines',
      )
      .option('--concurrency <count>', 'syncs run at once by this worker', parsePositiveInteger, 4)
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
      .addHelpText(
        'after',
        examples(
          'cdr --db postgres://cdr@db/cdr --accounts accounts.yaml worker',
          'cdr --db postgres://cdr@db/cdr worker --concurrency 8 --json',
        ),
      ),
  ).action(
    run(
      () => import('../commands/worker-command.ts'),
      (module) => module.runWorker,
    ),
  );

  program
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
        'cdr --db postgres://cdr@db/cdr schedule --now --provider telecmi',
      ),
    )
    .action(
      run(
        () => import('../commands/schedule-command.ts'),
        (module) => module.runSchedule,
      ),
    );

  program
    .command('receive')
    .description(
      'receive the providers’ pushes (Ozonetel callbacks, Twilio status callbacks, TeleCMI and Exotel webhooks) over HTTP and store each call',
    )
    .option('--host <host>', 'address to listen on', parseHost, '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', parsePort, 8787)
    .option(
      '--path <prefix>',
      'a path before each account’s own (/ozonetel), for a proxy that keeps its prefix',
      parseUrlPath,
    )
    .option(
      '--public-url <url>',
      'the URL providers reach the receiver at, behind a proxy (https://cdr.example.com): Twilio signs it; default $CDR_PUBLIC_URL',
      parsePublicUrl,
    )
    .addHelpText(
      'after',
      examples(
        'cdr receive',
        'cdr receive --host 0.0.0.0 --port 8080 --path /cdr',
        'cdr receive --port 8080 --public-url https://cdr.example.com',
      ),
    )
    .action(
      run(
        () => import('../commands/receive-command.ts'),
        (module) => module.runReceive,
      ),
    );

  program
    .command('migrate')
    .description(
      'upgrade the database’s schema, saying which steps it applies (reading commands never do; sync and worker do on start)',
    )
    .addHelpText('after', examples('cdr migrate', 'cdr --db postgres://cdr@db/cdr migrate'))
    .action(
      run(
        () => import('../commands/migrate-command.ts'),
        (module) => module.runMigrate,
      ),
    );

  program
    .command('serve')
    .description(
      'serve the dashboard over HTTP from the live database, refreshed as syncs and pushes land',
    )
    .option('--host <host>', 'address to listen on', parseHost, '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', parsePort, 8788)
    .addHelpText(
      'after',
      examples('cdr serve', 'cdr --db postgres://cdr@db/cdr serve --host 0.0.0.0 --port 8080'),
    )
    .action(
      run(
        () => import('../commands/serve-command.ts'),
        (module) => module.runServe,
      ),
    );

  program
    .command('demo')
    .description(
      'sync the simulated accounts into their own database, take pushes and lookups, then print the report',
    )
    .addHelpText('after', examples('cdr demo'))
    .action(
      run(
        () => import('../commands/demo-command.ts'),
        (module) => module.runDemo,
      ),
    );

  program
    .command('completion')
    .description('print a shell completion script')
    .argument('<shell>', 'bash or zsh')
    .addHelpText(
      'after',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a zsh expression for the user to type
      examples('cdr completion bash >> ~/.bashrc', 'cdr completion zsh > "${fpath[1]}/_cdr"'),
    )
    .action(async (shell: string) => {
      const { completionScript } = await import('./completion.ts');
      line(io.stdout, completionScript(shell, program));
      setExitCode(exitCodes.ok);
    });

  return program;
}

/**
 * Runs the CLI with `argv` (without the node and script entries); resolves to the exit code.
 * Every command's output ends the same way (`guardOutput`): a reader that went away
 * (`| head`) is exit 0 with nothing on stderr; output that cannot be written (a full disk)
 * is one line and exit 1, never a stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const output = guardOutput(io.stdout, 'standard output');
  // Nothing can be said about a standard error that cannot be written; it must not crash.
  guardOutput(io.stderr, 'standard error');
  let exitCode: number = exitCodes.ok;
  let failure: { error: unknown } | undefined;
  try {
    exitCode = await runProgram(argv, io);
  } catch (error) {
    failure = { error };
  }
  const outcome = await output.settle();
  // Stopped by Ctrl-C or SIGTERM part-way (a command that takes the signal as its end
  // returns 0 and is left alone): say so, rather than print the abort as an error.
  if (io.signal?.aborted && (failure || exitCode !== exitCodes.ok)) {
    const terminated = io.signal.reason === 'SIGTERM';
    line(io.stderr, terminated ? 'terminated' : 'interrupted');
    return terminated ? exitCodes.terminated : exitCodes.interrupted;
  }
  if (outcome.kind === 'reader-gone' || (failure && isReaderGone(failure.error)))
    return exitCodes.ok;
  if (outcome.kind === 'failed') {
    line(io.stderr, `error: ${describeError(outcome.error)}`);
    return exitCodes.error;
  }
  if (!failure) return exitCode;
  const { error } = failure;
  if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.error;
  if (error instanceof UsageError) {
    line(io.stderr, `error: ${error.message}`);
    return exitCodes.error;
  }
  line(io.stderr, `error: ${describeError(error)}`);
  const verbose =
    argv.includes('--verbose') || argv.includes('-v') || /\bcdr\b/.test(io.env.DEBUG ?? '');
  if (verbose) {
    const details = errorDetails(error);
    if (details) line(io.stderr, details);
  }
  return exitCodes.error;
}

/** Parses `argv` and runs its command; resolves to the command's exit code. */
async function runProgram(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = exitCodes.ok;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  const { registerProviderCommands } = await import('../providers/provider-commands.ts');
  registerProviderCommands(program, io, (code) => {
    exitCode = code;
  });
  await program.parseAsync(argv, { from: 'user' });
  return exitCode;
}
