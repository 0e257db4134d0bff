import type { Call, CallDirection, CallStatus } from '../call.js';
import type { CallWindow } from '../call-provider.js';
import type { HttpRequest } from '../transport/http-client-options.js';
import type { ZoneDay } from './zone-days.js';

/** The filters of a listing, as the user asked. A source may apply them at the API; the kit applies them again. */
export interface ListingFilter {
  direction?: CallDirection | undefined;
  status?: CallStatus | undefined;
}

/** What every request of a listing knows. */
export interface SourceRequest {
  /** The window to ask the API for, both ends inclusive, fixed for the whole listing. */
  window: CallWindow;
  filter: ListingFilter;
  signal: AbortSignal;
}

/** A request of a cursor source's chain: `window` is the chain's sub-window. */
export interface CursorRequest extends SourceRequest {
  /**
   * The whole window of the listing. A source whose `sliceKey` is not the start (Plivo's
   * end time) asks its last sub-window for the calls that start in the window but end
   * after it.
   */
  listingWindow: CallWindow;
}

interface SourceBase {
  /** Names the endpoint in errors and events, e.g. `POST /v2/user/out_cdr (answered)`. */
  endpoint: string;
  /** Every direction of the calls it returns: a listing for another direction skips it. */
  directions: readonly CallDirection[];
  /** Every status of the calls it returns: a listing for another status skips it. */
  statuses: readonly CallStatus[];
}

/** One page of a source paged by number: its calls (mapped) and the total the API stated. */
export interface NumberedPage {
  calls: readonly Call[];
  total: number;
}

/** One page of a source paged by number whose records are mapped later (see `map`). */
export interface NumberedRecords {
  /** Its records, checked: `map` takes each of them to a Call. */
  records: readonly unknown[];
  total: number;
}

interface PageNumberSourceBase extends SourceBase {
  paging: 'page-number';
  /** Records to ask for per page: the largest the endpoint allows, unless the user chose fewer. */
  pageSize: number;
  /** The most pages one listing may take (see `paginate`). Default 100,000. */
  maxPages?: number | undefined;
}

/**
 * An endpoint paged by page number with a stated total (TeleCMI, Ozonetel's reports):
 * either `fetchPage` gives each page's calls mapped, or `fetchRecords` gives its records
 * and `map` maps them when the listing reaches the page. The second keeps the pages that
 * wait behind an earlier one (up to `concurrency` of them) as parsed records only, not
 * Calls as well: less that outlives V8's young-generation collections (B3). A page is
 * mapped whole before any of its calls is handed on, so a record `map` throws on fails
 * the listing at the same point as a throw in `fetchPage` would.
 */
export type PageNumberSource =
  | (PageNumberSourceBase & {
      fetchPage(request: SourceRequest & { page: number; pageSize: number }): Promise<NumberedPage>;
    })
  | (PageNumberSourceBase & {
      fetchRecords(
        request: SourceRequest & { page: number; pageSize: number },
      ): Promise<NumberedRecords>;
      map(record: unknown, index: number): Call;
    });

/** One page of a source paged by cursor: its calls (mapped) and the cursor of the next page, if any. */
export interface CursorPage<Cursor> {
  calls: readonly Call[];
  next?: Cursor | undefined;
}

/**
 * An endpoint paged by cursor (`next_page_uri`, `Before`/`After`): each page says where the
 * next one is, so pages of one chain cannot be fetched at once. The kit gets concurrency
 * by time slicing instead: it splits the window into sub-windows, walks their chains at
 * once, and keeps from each sub-window only the calls whose `sliceKey` falls in it
 * (half-open), so nothing is doubled at the edges.
 */
export interface CursorSource<Cursor = unknown> extends SourceBase {
  paging: 'cursor';
  /** The first page of a (sub-)window. */
  fetchFirst(request: CursorRequest): Promise<CursorPage<Cursor>>;
  /** The page a cursor points at. `request.window` is the (sub-)window of the chain. */
  fetchNext(cursor: Cursor, request: CursorRequest): Promise<CursorPage<Cursor>>;
  /**
   * Time slicing: the shortest sub-window worth a chain of its own (the API's filter
   * granularity: a day for an API that filters by date) and, for an API that refuses
   * longer windows, the longest; or `false` to walk one chain. Default: one second, no
   * longest.
   */
  slicing?: { minimumMs: number; maximumMs?: number | undefined } | false | undefined;
  /**
   * Records a full page holds (the page size asked for). It sizes how many pages each
   * chain may fetch ahead of the reader within the kit's buffer of records. Default 100.
   */
  pageSize?: number | undefined;
  /**
   * The instant the API filters the window on, for a call: its start by default. A source
   * filtering on another field must say so, or a call could fall between two sub-windows.
   */
  sliceKey?: ((call: Call) => Date) | undefined;
}

/**
 * An endpoint that lists one calendar day of a zone per request, the whole day in one
 * streamed body (Ozonetel's `fetchCDRDetails`, one IST date per request). The provider
 * gives the request of a day and a reader of its body; the kit splits the window into the
 * zone's days, sends one request per day (oldest first, in the instance's request pool,
 * under the request's own budget and bearer token), hands each call on as soon as its
 * record is read with at most a few waiting for the consumer, asks for a body cut short
 * again and skips the records it already handed on, and does what it does for every
 * source: the window, the filters, de-duplication, checking, scrubbing, abort.
 *
 * Days are read one after the other: a day's body is held open while its calls are
 * consumed, and a second day waiting behind a slow consumer would time out its body.
 */
export interface ZoneDaySource extends SourceBase {
  paging: 'zone-day';
  /** The IANA zone whose calendar days the API takes (`Asia/Kolkata`). */
  timeZone: string;
  /** Whether the API refuses times later than now: the last day is then cut at the clock. */
  notAfterNow?: boolean | undefined;
  /**
   * The request for one day (or the part of it in the window). The kit adds the signal;
   * `maxBytes` caps the body (it is streamed: memory stays bounded whatever the cap).
   */
  request(day: ZoneDay): HttpRequest & { maxBytes?: number | undefined };
  /**
   * Reads a 2xx body as it streams in, calling `onRecord` for each record as soon as it is
   * complete and awaiting it (back-pressure). Throws the provider's typed error for a body
   * that says one or that is not what it should be (the transport retries those that are
   * retryable, a body cut short among them).
   */
  read(
    body: AsyncIterable<Buffer>,
    onRecord: (record: unknown, index: number) => Promise<void>,
  ): Promise<void>;
  /** One record → its Call; throws a typed error naming the field (never its value) when it cannot. */
  map(record: unknown, index: number): Call;
}

/** An endpoint a provider lists calls from. A provider declares one per (direction, status) group it serves. */
// Method syntax keeps `fetchNext` bivariant: a `CursorSource<string>` is a `CursorSource<unknown>`.
export type ListingSource = PageNumberSource | CursorSource<unknown> | ZoneDaySource;
