import { describeError } from '../support/describe-error.ts';

/** One thing a service needs to do its work (its database, its job queue): throws when it cannot be had. */
export interface ReadinessCheck {
  /** What is checked, as the answer names it: `database`, `queue`. */
  name: string;
  check(): Promise<void>;
}

export type Readiness =
  | { ready: true; checks: Record<string, 'ok'> }
  | { ready: false; checks: Record<string, string>; reason: string };

/**
 * A check that has not answered in this long counts as failed: a database host gone from
 * the network leaves a connection attempt hanging, and an orchestrator's probe must get an
 * answer, not a timeout of its own.
 */
const defaultTimeoutMs = 5000;

function withTimeout(work: Promise<void>, timeoutMs: number, name: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the ${name} did not answer within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Runs every check at once. The reasons are the stores' and the queue's own one-line errors,
 * which name a database by its URL without the password (never a secret).
 */
export async function checkReadiness(
  checks: readonly ReadinessCheck[],
  timeoutMs = defaultTimeoutMs,
): Promise<Readiness> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await withTimeout(check(), timeoutMs, name);
        return [name, undefined] as const;
      } catch (error) {
        return [name, describeError(error)] as const;
      }
    }),
  );
  const failed = results.filter(([, problem]) => problem !== undefined);
  if (failed.length === 0)
    return { ready: true, checks: Object.fromEntries(results.map(([name]) => [name, 'ok'])) };
  return {
    ready: false,
    checks: Object.fromEntries(results.map(([name, problem]) => [name, problem ?? 'ok'])),
    reason: failed.map(([name, problem]) => `${name}: ${problem}`).join('; '),
  };
}
