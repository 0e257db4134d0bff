import type { ListingSource } from './listing-source.js';

/**
 * The ids a listing remembers to drop repeats when its endpoints may serve the same call
 * (two sources declaring a common direction and status, as TeleCMI's voicemails and missed
 * calls do), or when a source streams whole days (a day's body is one page).
 */
export const overlappingSourcesWindow = 50_000;

/** The fewest ids remembered, whatever the pages: twenty pages of TeleCMI's ten. */
const fewestIds = 200;

function overlaps(a: ListingSource, b: ListingSource): boolean {
  return (
    a.directions.some((direction) => b.directions.includes(direction)) &&
    a.statuses.some((status) => b.statuses.includes(status))
  );
}

/**
 * How many recent ids a listing of `sources` remembers to drop repeats. Repeats within one
 * endpoint come from records shifting across page boundaries while pages are fetched: a
 * repeat sits within the pages in flight around it, so two rounds of `concurrency` pages
 * hold it (and `RecentIds` keeps up to twice as many). Endpoints whose calls cannot be the
 * same (disjoint directions or statuses) need nothing more, and the listing keeps that
 * short window: ids held are strings kept alive across young-generation collections. At
 * 50,000 each was promoted, a million of them a heap of dead strings and hash tables; even
 * 1,000 to 2,000 were a third of what survived each scavenge, enough for V8 to double its
 * young generation once more (B3). Endpoints that may serve one call twice keep the long
 * window.
 */
export function duplicateWindow(sources: readonly ListingSource[], concurrency: number): number {
  if (sources.some((source) => source.paging === 'zone-day')) return overlappingSourcesWindow;
  for (const [index, source] of sources.entries()) {
    if (sources.slice(index + 1).some((other) => overlaps(source, other)))
      return overlappingSourcesWindow;
  }
  // (No zone-day source is left here: those returned above.)
  const largestPage = Math.max(
    ...sources.map((source) => ('pageSize' in source ? (source.pageSize ?? 100) : 100)),
  );
  return Math.max(fewestIds, 2 * concurrency * largestPage);
}
