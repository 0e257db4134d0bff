import type { CallStore } from '../store/call-store.ts';
import { UsageError } from '../support/usage-error.ts';

/**
 * Refuses a `--provider` name the database has never heard of (`--provider nope`, a
 * mistyped account), naming those it knows: otherwise the answer is "0 calls", which reads
 * as a fact about the calls rather than about the flag.
 */
export async function checkSources(
  store: CallStore,
  names: readonly string[] | undefined,
): Promise<void> {
  if (!names || names.length === 0) return;
  const known = await store.knownSources();
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  throw new UsageError(
    `--provider ${unknown.map((name) => `"${name}"`).join(', ')}: no such provider or account in ${store.location}; it has ${known.length > 0 ? known.join(', ') : 'no calls yet'}`,
  );
}
