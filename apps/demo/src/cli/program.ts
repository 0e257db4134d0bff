// The `cdr` command line: the root program and its global flags, and every command's
// definition registered on it. Each command declares its own flags beside its code
// (`commands/*-flags.ts`, light) and loads what it needs when it runs (providers, the store,
// the job queue), so `cdr --help` and `cdr calls` start fast.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
// The version this build was made from: tsup inlines the app's package.json into the bundle
// (the packed and installed `cdr` reads no file for it), and source runs read the same file.
import packageJson from '../../package.json' with { type: 'json' };
import { providerNames } from '../accounts/provider-names.ts';
import { defineCalls } from '../commands/calls-flags.ts';
import { defineCheck } from '../commands/check-flags.ts';
import { defineCompletion } from '../commands/completion-flags.ts';
import { defineDemo } from '../commands/demo-flags.ts';
import { defineExport } from '../commands/export-flags.ts';
import { defineLookup } from '../commands/lookup-flags.ts';
import { defineMigrate } from '../commands/migrate-flags.ts';
import { defineQuarantine } from '../commands/quarantine-flags.ts';
import { defineReceive } from '../commands/receive-flags.ts';
import { defineReport } from '../commands/report-flags.ts';
import { defineSchedule } from '../commands/schedule-flags.ts';
import { defineServe } from '../commands/serve-flags.ts';
import { defineState } from '../commands/state-flags.ts';
import { defineStatus } from '../commands/status-flags.ts';
import { defineSync } from '../commands/sync-flags.ts';
import { defineWorker } from '../commands/worker-flags.ts';
import type { CliIo } from '../support/cli-io.ts';
import { line } from '../support/cli-io.ts';
import { describeError, errorDetails } from '../support/describe-error.ts';
import { exitCodes } from '../support/exit-codes.ts';
import { guardOutput, isReaderGone } from '../support/guard-output.ts';
import { logFormats, logFormatVariable } from '../support/log-settings.ts';
import { existingLoggerOf } from '../support/run-logger.ts';
import { chooseTimeZone, isTimeZone } from '../support/time-zone.ts';
import { UsageError } from '../support/usage-error.ts';
import { exitCodeHelp } from './help-text.ts';
import type { CommandHost } from './lazy-action.ts';
import { parsePositiveInteger } from './options.ts';

export const version: string = packageJson.version;

/** The command-line program; `io` carries the streams, environment and clock so tests run it in-process. */
export function createProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('cdr')
    .description(
      `Sync call-detail records from telephony providers (${providerNames.join(', ')}) into SQLite or PostgreSQL, and query, export and report on them.\nWith no account configured, every command runs against the providers' simulators.`,
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
    .option(
      '--tz <zone>',
      'the time zone times are shown and typed in, an IANA name such as America/New_York (default: $CDR_TZ, else the machine’s)',
      (value) => {
        if (!isTimeZone(value))
          throw new InvalidArgumentError(
            'Use an IANA time zone such as Asia/Kolkata or America/New_York.',
          );
        return value;
      },
    )
    .option('-q, --quiet', 'print only the command’s data, no summaries on stderr')
    .option(
      '-v, --verbose',
      'print more on stderr: each request, retry and wait of the providers’ APIs (redacted; also DEBUG=cdr:http), errors with their stack (also DEBUG=cdr)',
    )
    .addOption(
      new Option(
        '--log-format <format>',
        `stderr's lines as text, or one JSON object per line (default: $${logFormatVariable}, else text)`,
      ).choices(logFormats),
    )
    .option(
      '--allow-simulated',
      'with no account configured, write the simulators’ calls into a database that holds real accounts’ calls (on purpose)',
    )
    .addHelpText('after', exitCodeHelp);

  const host: CommandHost = { io, setExitCode };
  for (const define of [
    defineSync,
    defineCalls,
    defineExport,
    defineReport,
    defineCheck,
    defineStatus,
    defineState,
    defineQuarantine,
    defineWorker,
    defineSchedule,
    defineReceive,
    defineLookup,
    defineMigrate,
    defineServe,
    defineDemo,
    defineCompletion,
  ])
    define(program, host);
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
    tell(io, 'warn', terminated ? 'terminated' : 'interrupted');
    return terminated ? exitCodes.terminated : exitCodes.interrupted;
  }
  if (outcome.kind === 'reader-gone' || (failure && isReaderGone(failure.error)))
    return exitCodes.ok;
  if (outcome.kind === 'failed') {
    await tellError(io, outcome.error);
    return exitCodes.error;
  }
  if (!failure) return exitCode;
  const { error } = failure;
  if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.error;
  if (error instanceof UsageError) {
    tell(io, 'error', `error: ${error.message}`);
    return exitCodes.error;
  }
  const verbose =
    argv.includes('--verbose') || argv.includes('-v') || /\bcdr\b/.test(io.env.DEBUG ?? '');
  await tellError(io, error, verbose ? errorDetails(error) : undefined);
  return exitCodes.error;
}

/**
 * The run's last line on standard error: as text, or, when the command logs JSON, as one
 * more JSON line (its message is the text without the `error: ` a person reads).
 */
function tell(io: CliIo, level: 'warn' | 'error', text: string): void {
  const logger = existingLoggerOf(io);
  if (logger?.format === 'json') logger.log(level, text.replace(/^error: /, ''));
  else line(io.stderr, text);
}

async function tellError(io: CliIo, error: unknown, details?: string): Promise<void> {
  const logger = existingLoggerOf(io);
  if (logger?.format === 'json') {
    const fields = (await import('../support/logger.ts')).errorFields(error);
    logger.error(fields.error ?? '', { ...fields, ...(details ? { stack: details } : {}) });
    return;
  }
  line(io.stderr, `error: ${describeError(error)}`);
  if (details) line(io.stderr, details);
}

/** Parses `argv` and runs its command; resolves to the command's exit code. */
async function runProgram(argv: readonly string[], given: CliIo): Promise<number> {
  const io = { ...given, timeZone: chooseTimeZone(argv, given.env, given.machineTimeZone) };
  let exitCode: number = exitCodes.ok;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  await program.parseAsync(argv, { from: 'user' });
  return exitCode;
}
