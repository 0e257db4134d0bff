import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { CdrError, callDirections, callStatuses } from '@cdr/core';
import { reportTypes } from '@cdr/ozonetel';
import { Command, CommanderError, Option } from 'commander';
import type { CallFilter } from './call-filter.ts';
import { filterToSql } from './call-filter.ts';
import { CallStore } from './call-store.ts';
import { type CliIo, exitCodes, type GlobalOptions, line } from './cli-io.ts';
import { runCalls } from './commands/calls-command.ts';
import { runDemo } from './commands/demo-command.ts';
import { readUcids, runLookup } from './commands/lookup-command.ts';
import { runReceive } from './commands/receive-command.ts';
import { runSync, type SyncCommandOptions } from './commands/sync-command.ts';
import { describeError } from './describe-error.ts';
import { exportFormats, writeExport } from './export-calls.ts';
import { FileError, toFileError } from './file-error.ts';
import {
  collect,
  oneOf,
  parseDuration,
  parseHost,
  parseInstant,
  parsePort,
  parsePositiveDuration,
  parsePositiveInteger,
  parseUrlPath,
} from './options.ts';
import { buildReport, formatReport } from './report.ts';
import { openSession, type Session } from './session.ts';
import { UsageError } from './usage-error.ts';
import { withCleanup } from './with-cleanup.ts';

const defaultDatabase = 'data/cdr.sqlite';

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
    .option('--provider <name>', 'telecmi or ozonetel (repeatable, or comma-separated)', collect)
    .addOption(new Option('--direction <direction>', 'call direction').choices(callDirections))
    .addOption(new Option('--status <status>', 'call status').choices(callStatuses))
    .option('--number <number>', 'calls from or to this number (+91…, 0…, or 10 digits)')
    .option('--agent <agent>', 'calls handled by this agent (id or name)');
}

function filterFrom(options: Record<string, unknown>): CallFilter {
  return {
    providers: options.provider as string[] | undefined,
    direction: options.direction as CallFilter['direction'],
    status: options.status as CallFilter['status'],
    number: options.number as string | undefined,
    agent: options.agent as string | undefined,
    from: options.from as Date | undefined,
    to: options.to as Date | undefined,
  };
}

function addSyncOptions(command: Command, now: () => Date): Command {
  return addWindowOptions(command, 'sync calls', now)
    .option(
      '--provider <name>',
      'only these accounts: telecmi, telecmi:user, telecmi:app, telecmi:agent (repeatable)',
      collect,
    )
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
        .default(parseDuration('6h'), '6h'),
    );
}

/** The command-line program; `io` carries the streams and environment so tests run it in-process. */
export function createProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('cdr-demo')
    .description(
      'Sync call-detail records from TeleCMI and Ozonetel into SQLite, and report on them.\nWith no credentials in the environment, every command runs against the simulators.',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)')
    .option('--db <path>', 'the SQLite database file', io.env.CDR_DATABASE || defaultDatabase)
    .option(
      '--request-timeout <ms>',
      'per-attempt time to headers and longest body silence',
      parsePositiveInteger,
    )
    .option('--retries <count>', 'retries after a failed request (default 4)', (value) =>
      value === '0' ? 0 : parsePositiveInteger(value),
    );

  const globals = (command: Command) =>
    command.optsWithGlobals<GlobalOptions & Record<string, unknown>>();
  const withStore = async (
    command: Command,
    work: (store: CallStore) => Promise<number> | number,
  ) => {
    const store = CallStore.open(resolve(io.cwd, globals(command).db), io.store);
    setExitCode(
      await withCleanup(
        () => work(store),
        () => store.close(),
      ),
    );
  };
  const withSession = (
    command: Command,
    work: (store: CallStore, session: Session) => Promise<number>,
  ) =>
    withStore(command, async (store) => {
      const session = await openSession(io, globals(command));
      return withCleanup(
        () => work(store, session),
        () => session.close(),
      );
    });
  const syncOptions = (options: Record<string, unknown>): SyncCommandOptions => ({
    from: options.from as Date | undefined,
    to: options.to as Date | undefined,
    provider: options.provider as string[] | undefined,
    lookback: options.lookback as number,
    initial: options.initial as number,
    slice: options.slice as number,
  });

  addSyncOptions(
    program
      .command('demo')
      .description('sync everything, take Ozonetel pushes and lookups, then print the report'),
    io.now,
  ).action((options, command: Command) =>
    withSession(command, (store, session) => runDemo(io, store, session, syncOptions(options))),
  );

  addSyncOptions(
    program
      .command('sync')
      .description('sync calls into the database: since the last sync by default, or a window'),
    io.now,
  ).action((options, command: Command) =>
    withSession(command, (store, session) => runSync(io, store, session, syncOptions(options))),
  );

  addFilterOptions(program.command('calls').description('list stored calls, newest first'), io.now)
    .option('--limit <count>', 'how many to show', parsePositiveInteger, 50)
    .action((options, command: Command) =>
      withStore(command, (store) =>
        runCalls(io, store, filterFrom(options), options.limit as number),
      ),
    );

  addFilterOptions(
    program.command('export').description('stream stored calls as NDJSON (whole calls) or CSV'),
    io.now,
  )
    .requiredOption('--format <format>', `${exportFormats.join(' or ')}`, oneOf(exportFormats))
    .option('--out <file>', 'write to this file (default: standard output)')
    .action((options, command: Command) =>
      withStore(command, async (store) => {
        const { where, parameters } = filterToSql(filterFrom(options));
        const calls = store.iterateCalls(where, ...parameters);
        const out = options.out as string | undefined;
        const toFile = out !== undefined && out !== '-';
        try {
          if (toFile) {
            await writeExport(calls, options.format, createWriteStream(resolve(io.cwd, out)));
          } else {
            await writeExport(calls, options.format, io.stdout, { end: false });
          }
        } catch (error) {
          // The reader left (`export … | head`): what it wanted was written.
          if (!toFile && (error as NodeJS.ErrnoException).code === 'EPIPE') return exitCodes.ok;
          // A full disk or a bad --out: one line naming the file, not a stack.
          throw toFileError(error, toFile ? resolve(io.cwd, out) : 'standard output');
        }
        return exitCodes.ok;
      }),
    );

  addWindowOptions(
    program
      .command('report')
      .description(
        'calls per day, answer rate, unreturned missed calls, time and cost, busiest agents',
      ),
    'report on calls started',
    io.now,
  )
    .option('--top <count>', 'rows in the missed-call and agent lists', parsePositiveInteger, 5)
    .action((options, command: Command) =>
      withStore(command, (store) => {
        line(
          io.stdout,
          formatReport(
            buildReport(store, { from: options.from, to: options.to, top: options.top }),
          ),
        );
        return exitCodes.ok;
      }),
    );

  program
    .command('lookup')
    .description('look Ozonetel calls up by UCID and store them')
    .argument('[ucids...]', 'UCIDs (numeric)')
    .option('--file <path>', 'a file of UCIDs, one per line')
    .addOption(
      new Option('--report-type <type>', 'force one store instead of the IST-clock choice').choices(
        reportTypes,
      ),
    )
    .action((ucids: string[], options, command: Command) =>
      withStore(command, async (store) => {
        const list = await readUcids(io, ucids, options.file);
        const session = await openSession(io, globals(command));
        return withCleanup(
          () =>
            runLookup(io, store, session, list, {
              file: options.file,
              reportType: options.reportType,
            }),
          () => session.close(),
        );
      }),
    );

  program
    .command('receive')
    .description('receive Ozonetel callback pushes over HTTP and store each call')
    .option(
      '--host <host>',
      'address to listen on (another than loopback is reachable from the network)',
      parseHost,
      '127.0.0.1',
    )
    .option('--port <port>', 'port to listen on (0: any free port)', parsePort, 8787)
    .option('--path <path>', 'the callback path', parseUrlPath, '/ozonetel/callback')
    .action((options, command: Command) =>
      withSession(command, (store, session) =>
        runReceive(io, store, session, {
          host: options.host,
          port: options.port,
          path: options.path,
        }),
      ),
    );

  return program;
}

/** Runs the CLI with `argv` (without the node and script entries); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = exitCodes.ok;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    // Both say all there is in one line: a stack would only bury it.
    if (error instanceof UsageError || error instanceof FileError) {
      line(io.stderr, `error: ${error.message}`);
      return exitCodes.error;
    }
    line(io.stderr, `error: ${describeError(error)}`);
    if (!CdrError.isInstance(error) && error instanceof Error && error.stack)
      line(io.stderr, error.stack);
    return exitCodes.error;
  }
}
