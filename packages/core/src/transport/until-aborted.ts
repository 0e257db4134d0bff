import { whenAborted } from './when-aborted.js';

/**
 * `promise`, or the signal's reason as soon as it aborts (the promise goes on: for a wait
 * on work shared with others, which one caller stopping must not cancel).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const stopWaiting = whenAborted(signal, reject);
    promise.then(
      (value) => {
        stopWaiting();
        resolve(value);
      },
      (error: unknown) => {
        stopWaiting();
        reject(error);
      },
    );
  });
}
