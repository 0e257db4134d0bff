// Flags several commands take alike (a window of time, the call filter, how a sync walks
// time), each builder with the type of what it adds, so a command's options type is made
// of the same pieces as its flags.
import { type Command, InvalidArgumentError, Option } from 'commander';
import { providerNames } from '../accounts/provider-names.ts';
import type { CliIo } from '../support/cli-io.ts';
import { shownZone } from '../support/cli-io.ts';
import { numberFilterDigits } from '../support/number-filter.ts';
import { collect, parseDuration, parseInstant, parsePositiveDuration } from './options.ts';

// The Call model's directions and statuses, spelled here so that parsing the command line
// loads no provider code (program.test.ts checks them against @cdr/core's).
export const directionChoices = ['inbound', 'outbound', 'unknown'] as const;
export const statusChoices = ['answered', 'missed', 'busy', 'failed', 'unknown'] as const;

/** What `addWindowOptions` adds: the window's ends, parsed to instants. */
export interface WindowOptions {
  from?: Date | undefined;
  to?: Date | undefined;
}

/** What `addFilterOptions` adds: the window and what narrows the calls in it. */
export interface FilterOptions extends WindowOptions {
  /** Providers or accounts (`acme:support`), repeatable. */
  provider?: string[] | undefined;
  direction?: (typeof directionChoices)[number] | undefined;
  status?: (typeof statusChoices)[number] | undefined;
  number?: string | undefined;
  agent?: string | undefined;
}

/** What `addSyncTuningOptions` adds, in milliseconds (each has a default). */
export interface SyncTuningOptions {
  lookback: number;
  initial: number;
  slice: number;
}

function parseNumberFilter(value: string): string {
  if (numberFilterDigits(value) === undefined)
    throw new InvalidArgumentError(
      'Use a phone number, or at least its last 3 digits (+919876543210, 09876543210, 43210).',
    );
  return value;
}

/** `--from` and `--to`, read in the run's zone; `what` says what falls in the window. */
export function addWindowOptions(command: Command, what: string, io: CliIo): Command {
  // The zone is asked for when a flag is read, not here: the machine's is read only if used.
  return command
    .option(
      '--from <when>',
      `${what} from (a date, a date and time in the --tz zone, an ISO instant, or 2h/7d ago)`,
      (value) => parseInstant(value, io.now(), shownZone(io)),
    )
    .option('--to <when>', `${what} up to (same forms; default now)`, (value) =>
      parseInstant(value, io.now(), shownZone(io)),
    );
}

/** The call filter of `calls` and `export`: the window, then provider, direction, status, number, agent. */
export function addFilterOptions(command: Command, io: CliIo): Command {
  return addWindowOptions(command, 'calls started', io)
    .option(
      '--provider <name>',
      `a provider (${providerNames.join(', ')}) or one account (acme:support); repeatable`,
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

/** How a sync walks an account's time: shared by `sync`, `worker` and `quarantine retry`. */
export function addSyncTuningOptions(command: Command): Command {
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
