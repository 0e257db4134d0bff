import type { CallProvider } from '@cdr/core';
import { selectAccounts } from '../accounts/session.ts';
import type { CliIo } from '../support/cli-io.ts';
import { line } from '../support/cli-io.ts';
import { describeError } from '../support/describe-error.ts';
import { exitCodeOf } from '../support/exit-codes.ts';
import { outputFormat, paint, printJson } from '../support/output.ts';
import { formatTable } from '../support/table.ts';
import type { CheckOptions } from './check-flags.ts';
import { withSession } from './command-context.ts';

/**
 * One cheap request that needs the credentials: a minute's listing through a single
 * endpoint (one direction, one status), or, for a provider that only looks calls up, the
 * lookup of an id no call has.
 */
async function probe(
  provider: CallProvider,
  now: Date,
  signal: AbortSignal | undefined,
): Promise<void> {
  const listing = provider.capabilities.listCalls;
  if (listing) {
    for await (const _call of provider.listCalls({
      from: new Date(now.getTime() - 60_000),
      to: now,
      direction: listing.directions[0],
      status: listing.statuses[0],
      signal,
    }))
      break;
    return;
  }
  try {
    await provider.getCall('1', { signal });
  } catch (error) {
    // Asked and answered "not readable yet" (Ozonetel between 00:00 and 03:00 IST): the
    // requests went through with the credentials, which is all a check asks.
    if ((error as { code?: unknown }).code !== 'not_available_yet') throw error;
  }
}

/** `cdr check`: each account's credentials, tested without syncing. */
export async function runCheck(io: CliIo, options: CheckOptions): Promise<number> {
  const json = outputFormat(options) === 'json';
  return withSession(io, { ...options, announce: !json && !options.quiet }, async (session) => {
    const accounts = selectAccounts(session, options.provider);
    const results = await Promise.all(
      accounts.map(async (account) => {
        try {
          await probe(account.client(), io.now(), io.signal);
          return { account: account.name, provider: account.provider, ok: true as const };
        } catch (error) {
          return {
            account: account.name,
            provider: account.provider,
            ok: false as const,
            error: describeError(error),
          };
        }
      }),
    );
    if (json) printJson(io, { mode: session.mode, accounts: results });
    else
      line(
        io.stdout,
        formatTable(
          ['account', 'provider', 'credentials'],
          results.map((result) => [
            result.account,
            result.provider,
            result.ok
              ? paint(io, io.stdout, 'green', 'ok')
              : `${paint(io, io.stdout, 'red', 'failed')}: ${result.error}`,
          ]),
        ),
      );
    return exitCodeOf(results.map((result) => result.ok));
  });
}
