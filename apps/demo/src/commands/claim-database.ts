import type { Session } from '../accounts/session.ts';
import type { CallStore } from '../store/call-store.ts';
import { UsageError } from '../support/usage-error.ts';

export interface ClaimDatabaseOptions {
  /** `--allow-simulated`: the user means to write the simulators' calls into a real database. */
  allowSimulated?: boolean | undefined;
}

/**
 * Marks the database with where the session's calls come from, or refuses to write when
 * it holds the other kind: the simulators' calls (no account configured) must never mix
 * with real accounts' calls, whatever `-q` hides. Call it before the first write.
 */
export async function claimDatabaseFor(
  store: CallStore,
  session: Pick<Session, 'mode'>,
  options: ClaimDatabaseOptions,
): Promise<void> {
  const origin = session.mode === 'simulated' ? 'simulated' : 'real';
  const found = await store.claimOrigin(origin);
  if (found === origin) return;
  const where = store.location;
  if (origin === 'real')
    throw new UsageError(
      `${where} holds the simulators' calls (it was first written with no account configured): give real accounts another --db, or empty this one`,
    );
  if (options.allowSimulated) return;
  const holds =
    found === 'real'
      ? "holds real accounts' calls"
      : 'holds calls written before cdr marked databases real or simulated';
  throw new UsageError(
    `${where} ${holds}, and no account is configured, so the simulators' calls would land among them: configure the accounts (--accounts, or .env), run \`cdr demo\` (it keeps its own database), or pass --allow-simulated to simulate into it on purpose`,
  );
}
