import { createInterface } from 'node:readline/promises';
import { formatAsTyped, zoneOffsetMinutes } from '../cli/typed-instant.ts';
import type { CliIo } from '../support/cli-io.ts';
import { shownZone } from '../support/cli-io.ts';
import { exitCodes } from '../support/exit-codes.ts';
import { accountFields, loggerOf } from '../support/logger.ts';
import { UsageError } from '../support/usage-error.ts';
import { withStore } from './command-context.ts';
import type { StateResetOptions, StateUnparkOptions } from './state-flags.ts';

/** Asks a yes/no question on the terminal; anything but y/yes is no. */
async function confirm(io: CliIo, question: string): Promise<boolean> {
  if (!io.stdin?.isTTY)
    throw new UsageError(
      `${question.replace(/\?$/, '')}: add --yes to confirm (standard input is not a terminal)`,
    );
  const prompt = createInterface({ input: io.stdin, output: io.stderr });
  try {
    return /^(y|yes)$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

/** `cdr state reset <account> [--to]`: moves a cursor back on purpose, after asking. */
export async function runStateReset(
  io: CliIo,
  options: StateResetOptions,
  account: string,
): Promise<number> {
  const typed = options.to;
  const to = typed?.at;
  const now = io.now();
  // A cursor ahead of now would make the next syncs skip the calls until then, and
  // `status` show no lag.
  if (to && to.getTime() > now.getTime())
    throw new UsageError(
      `--to ${formatAsTyped(to, typed!)} is in the future (now ${formatAsTyped(now, typed!)}): a cursor there would skip the calls made until then`,
    );
  // Answered in the zone the user typed (`2026-11-20` is the --tz zone's; `…Z` is UTC).
  const shown = (instant: Date | undefined, otherwise: string) =>
    instant
      ? formatAsTyped(
          instant,
          typed ?? { offsetMinutes: zoneOffsetMinutes(instant, shownZone(io)) },
        )
      : otherwise;
  const log = loggerOf(io, options);
  return withStore(io, options, { mustExist: true }, async (store) => {
    const states = await store.accountStates();
    const state = states.find((candidate) => candidate.account === account);
    if (!state)
      throw new UsageError(
        `no account "${account}" in ${store.location}; it has: ${states.map((candidate) => candidate.account).join(', ') || 'none'}`,
      );
    const target = shown(to, 'nothing (the next sync starts --initial ago)');
    const question = `Move ${account}'s cursor from ${shown(state.position, 'nothing')} to ${target}?`;
    if (!options.yes && !(await confirm(io, question))) {
      log.info('Left as it was.', accountFields(account));
      return exitCodes.ok;
    }
    await store.resetCursor(account, to);
    if (!options.quiet)
      log.info(`${account}: cursor at ${shown(to, 'nothing')}; the next sync lists from there.`, {
        ...accountFields(account),
        cursor: to?.toISOString() ?? null,
      });
    return exitCodes.ok;
  });
}

/** `cdr state unpark <account>`: lets workers sync an account parked for refused credentials. */
export async function runStateUnpark(
  io: CliIo,
  options: StateUnparkOptions,
  account: string,
): Promise<number> {
  const log = loggerOf(io, options);
  return withStore(io, options, { mustExist: true }, async (store) => {
    const state = (await store.accountStates()).find((candidate) => candidate.account === account);
    if (!state?.parkedAt) throw new UsageError(`${account} is not parked in ${store.location}`);
    await store.unpark(account);
    if (!options.quiet)
      log.info(
        `${account}: unparked; workers sync it again on its next turn. Running workers read the accounts file, the secret files it names and .env again before each sync: credentials fixed there are used without a restart; variables set in a worker's own environment are read only when it starts.`,
        accountFields(account),
      );
    return exitCodes.ok;
  });
}
