/**
 * Runs `work`, then `cleanup` (closing a store, a session, a server) whether `work` succeeded
 * or not. When both fail, `work`'s error is the one thrown: it says what went wrong, and a
 * cleanup failing after a failure is mostly its echo. (A `finally` would throw the cleanup's
 * error in its place.) When only the cleanup fails, its error is thrown.
 */
export async function withCleanup<T>(
  work: () => Promise<T> | T,
  cleanup: () => Promise<unknown> | unknown,
): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (error) {
    try {
      await cleanup();
    } catch {
      // Dropped in favour of the error that caused it (above).
    }
    throw error;
  }
  await cleanup();
  return result;
}
