import { BoundedChannel } from '../bounded-channel.js';
import type { Call } from '../call.js';
import type { CallWindow } from '../call-provider.js';
import type { HttpClient } from '../transport/http-client.js';
import type { ZoneDaySource } from './listing-source.js';
import type { RequestPool, RequestPriority } from './request-pool.js';
import { splitIntoZoneDays } from './zone-days.js';

// Calls read ahead of the consumer, at most, per listing: the body waits (back-pressure).
const bufferedCalls = 16;

export interface ZoneDayListing {
  source: ZoneDaySource;
  window: CallWindow;
  http: HttpClient;
  pool: RequestPool;
  /** The pool priority of the listing's requests, before the day's index. */
  priority: RequestPriority;
  now: () => Date;
  signal: AbortSignal;
}

/**
 * The calls of a zone-day source over a window, oldest day first, each day's body
 * streamed: a call is handed on as soon as its record is read, with at most
 * `bufferedCalls` waiting. A retried day (a body cut short) reads its first records again:
 * they are skipped by id. The window, filters and cross-day repeats are the caller's.
 */
export async function* listZoneDays(
  listing: ZoneDayListing,
): AsyncGenerator<Call, void, undefined> {
  const { source, window, http, pool, signal } = listing;
  const end = source.notAfterNow
    ? Math.min(window.to.getTime(), listing.now().getTime())
    : window.to.getTime();
  const days = splitIntoZoneDays(window.from, new Date(end), source.timeZone);
  for (const [index, day] of days.entries()) {
    const channel = new BoundedChannel<Call>(bufferedCalls);
    // Ids of one day only: what a re-asked body can repeat.
    const handedOn = new Set<string>();
    const producer = pool
      .run(
        [...listing.priority, index],
        () =>
          http.requestStream({ ...source.request(day), signal }, (body) =>
            source.read(body, async (record, recordIndex) => {
              const call = source.map(record, recordIndex);
              if (handedOn.has(call.id)) return;
              handedOn.add(call.id);
              await channel.push(call, signal);
            }),
          ),
        signal,
      )
      .then(
        () => channel.close(),
        (error: unknown) => channel.fail(error),
      );
    try {
      for await (const call of channel) yield call;
    } finally {
      // Stopped early: the listing's signal is aborted first, which ends the producer.
      await producer;
    }
  }
}
