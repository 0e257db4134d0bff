/**
 * Resolves when `signal` aborts (SIGINT, SIGTERM): how a service command waits out its life.
 * Not core's `untilAborted`, which races a promise against a signal.
 */
export function untilStopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal || signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
