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

/**
 * Milliseconds from a `Retry-After` header (RFC 9110, 10.2.3): delay seconds, or an HTTP
 * date judged against `now` (the caller's clock, never the machine's). `undefined` when
 * absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfterMs(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // An HTTP date names its weekday and zone (`Wed, 21 Oct 2015 07:28:00 GMT`): anything
  // else `Date.parse` would read (`-1`, `2`) is no date here.
  if (!/^[A-Za-z]{3},? /.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}
