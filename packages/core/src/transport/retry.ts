export interface RetryOptions {
  /** Retries after the first attempt. Default 4. */
  maxRetries: number;
  /** The backoff before the first retry grows from this. Default 250 ms. */
  baseDelayMs: number;
  /** No single backoff is longer. Default 20 s. */
  maxDelayMs: number;
  /** A provider's Retry-After longer than this is not waited out: the error is thrown. Default 120 s. */
  maxRetryAfterMs: number;
}

export const defaultRetryOptions: RetryOptions = {
  maxRetries: 4,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 120_000,
};

/**
 * Exponential backoff with full jitter: a uniform draw from [0, min(max, base·2^retry)).
 * Jitter keeps many clients that failed together from retrying together.
 */
export function backoffDelayMs(
  retry: number,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** Milliseconds from a Retry-After header: delta seconds or an HTTP date. */
export function parseRetryAfterMs(
  value: string | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
