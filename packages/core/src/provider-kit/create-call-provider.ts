import type { Call } from '../call.js';
import {
  CALL_PROVIDER_SPECIFICATION_VERSION,
  type CallProvider,
  type CallProviderCapabilities,
  type CallWindow,
  type GetCallOptions,
  type ListCallsQuery,
} from '../call-provider.js';
import { InvalidRequestError, ResponseValidationError } from '../errors/index.js';
import { type ListingContext, paginatePages } from '../paginate.js';
import { paginateByCursorPages } from '../paginate-by-cursor.js';
import { type CountryCode, createPhoneNormalizer, type PhoneNormalizer } from '../phone.js';
import { primed } from '../primed.js';
import { HttpClient } from '../transport/http-client.js';
import type { TransportOptions } from '../transport/http-client-options.js';
import { RateLimiter } from '../transport/rate-limiter.js';
import type { Redactor } from '../transport/redact.js';
import { scrubError } from '../transport/scrub-error.js';
import type { Secret } from '../transport/secret.js';
import type { TransportEventListener } from '../transport/transport-event.js';
import type { PackageIdentity } from '../transport/user-agent.js';
import { assertListQuerySupported, unsupportedGetCall } from '../validate-query.js';
import { callProblems, checkCall } from './check-call.js';
import { duplicateWindow } from './duplicate-window.js';
import { listZoneDays } from './list-zone-days.js';
import type { ListingFilter, ListingSource } from './listing-source.js';
import { readAhead } from './read-ahead.js';
import { RecentIds } from './recent-ids.js';
import { RequestPool } from './request-pool.js';
import { unreadableRecordProblem } from './unreadable-record.js';

/**
 * Records each cursor chain's read-ahead is sized from (see the cursor listing below): ten
 * thousand calls of a few hundred bytes each, a few MB per listing at worst.
 */
const cursorBufferRecords = 10_000;

/** A budget of requests: at most `limit` in any `intervalMs`. */
export interface RateLimitBudget {
  limit: number;
  intervalMs: number;
}

/**
 * How a provider instance keeps to its account's request budget: its documented default
 * (when unset), another budget, a `RateLimiter` shared with other instances of the same
 * account, or `false` for none.
 */
export type RateLimitSetting = RateLimiter | RateLimitBudget | false;

/** The settings every provider takes besides its credentials; a provider's schema includes `providerSettingsShape`. */
export interface ProviderKitSettings {
  /** This instance's name in a client: tells two accounts of one provider apart in errors, events and the sync tool. */
  name?: string | undefined;
  /** Region for numbers written without a country code. Default `IN`. */
  defaultRegion?: CountryCode | undefined;
  /** Requests in flight at once for this instance, across every endpoint and listing. Default 4. */
  concurrency?: number | undefined;
  /** Timeouts, retries, body cap, connection pool, events. */
  transport?: TransportOptions | undefined;
  /** The account's request budget. Default: what the provider documents, if anything. */
  rateLimit?: RateLimitSetting | undefined;
  /** The clock, for providers whose behaviour depends on the time. Default: the system clock. */
  now?: (() => Date) | undefined;
}

/** What a provider's endpoint code is handed: the shared plumbing of its instance. */
export interface ProviderContext {
  /** The provider family, e.g. `telecmi`. */
  readonly provider: string;
  /** This instance's name, e.g. `telecmi:rest-user`. */
  readonly instance: string;
  /** The transport: retries, timeouts, rate limit, redaction. */
  readonly http: HttpClient;
  /** Raw party values → `CallParty`, E.164 where they parse. */
  readonly phone: PhoneNormalizer;
  /** The clock. */
  readonly now: () => Date;
  /** Removes this instance's secrets from text and values. */
  readonly redactor: Redactor;
  /** The limiter in use, if any. */
  readonly rateLimiter: RateLimiter | undefined;
  /** The limiters of the provider's other budgets (`rateLimits` in its definition), by name. */
  readonly rateLimiters: Readonly<Record<string, RateLimiter | undefined>>;
  /** The listener of transport and listing events, if any. */
  readonly onEvent: TransportEventListener | undefined;
}

/** Fetching one call by id, for providers whose API has it. */
export interface CallLookup {
  /** What a valid id looks like; anything else is refused before any request. */
  idPattern?: RegExp | undefined;
  /** Says what `idPattern` wants, for the error: `a numeric UCID`. */
  idDescription?: string | undefined;
  /**
   * Checks an id in the provider's own words instead (throwing its typed error), when the
   * provider has words for it (Ozonetel: "ucid should be numeric only"). Replaces the
   * default check (non-empty, `idPattern`).
   */
  assertId?: ((id: string) => void) | undefined;
  /**
   * Fetches the call. `options` are the caller's, as given: a provider whose `getCall`
   * takes more than a signal (Ozonetel's `startedAt` hint) checks and reads them here.
   */
  fetch(
    id: string,
    context: ProviderContext,
    signal: AbortSignal | undefined,
    options?: GetCallOptions | undefined,
  ): Promise<Call | null>;
}

export interface CallProviderDefinition<Extra extends object> {
  /** The provider family, as in `Call.provider`. */
  provider: string;
  /**
   * The provider's package (`@cdr/twilio` and its version), named in every request's
   * User-Agent after cdr's core: write `__CDR_PACKAGE__`, which the shared build
   * (tsup.config.base.ts) fills in from the package's package.json.
   */
  package?: PackageIdentity | undefined;
  /** This instance's name (from the settings, or the provider's default). */
  name: string;
  /** The host every request of this instance goes to. */
  baseUrl: string;
  /** Every credential value: kept out of errors, events and Calls, in every encoding. */
  secrets: readonly (string | Secret)[];
  /** Headers sent with every request (an `authorization` built from the secrets, say). */
  headers?: Record<string, string> | undefined;
  /** The common settings, already validated with the provider's schema. */
  settings: ProviderKitSettings;
  /** The documented budget, used when the user sets none. */
  defaultRateLimit?: DocumentedBudget | undefined;
  /**
   * Budgets of the account's other APIs (Ozonetel's reports: 2 a minute), by name: the
   * user's setting for each and the documented default. Their limiters are in the
   * context's `rateLimiters`; a request uses one through its `rateLimiter`.
   */
  rateLimits?:
    | Record<string, { setting: RateLimitSetting | undefined; documented: DocumentedBudget }>
    | undefined;
  /** How far back the provider keeps calls; older windows are refused before any request. */
  retentionDays?: number | undefined;
  /** The endpoints calls are listed from, one per (direction, status) group; none: no listing. */
  sources?: ((context: ProviderContext) => readonly ListingSource[]) | undefined;
  /** Fetching one call by id, when the API can. */
  getCall?: CallLookup | undefined;
  /** Methods of the provider's own (Ozonetel's `lookupCalls`), added to the provider. */
  extend?: ((context: ProviderContext, provider: CallProvider) => Extra) | undefined;
}

/**
 * A budget as the provider documents it, with a margin added to its interval for what the
 * limiter's counting cannot see (it holds each request's slot until a window after its
 * answer, so network delays are covered): a provider whose clock or windows are coarser.
 */
export type DocumentedBudget = RateLimitBudget & { safetyMarginMs?: number | undefined };

const dayMs = 86_400_000;

/**
 * The limiter of a budget: the user's (a shared limiter as is, a budget of their own) or
 * the documented one, with the documented margin — at most a quarter of the interval, so
 * that a short interval (a test's compressed minute) is not mostly margin.
 */
function rateLimiterFor(
  setting: RateLimitSetting | undefined,
  documented: DocumentedBudget | undefined,
): RateLimiter | undefined {
  if (setting === false) return undefined;
  if (setting instanceof RateLimiter) return setting;
  const budget = setting ?? documented;
  if (!budget) return undefined;
  const margin = documented?.safetyMarginMs;
  return new RateLimiter({
    limit: budget.limit,
    intervalMs: budget.intervalMs,
    ...(margin !== undefined
      ? { safetyMarginMs: Math.min(margin, Math.ceil(budget.intervalMs / 4)) }
      : {}),
  });
}

/** Each page of records as its Calls, mapped whole when the page is read. */
async function* mappedPages(
  pages: AsyncIterable<readonly unknown[]>,
  map: (record: unknown, index: number) => Call,
): AsyncGenerator<readonly Call[], void, undefined> {
  for await (const records of pages) yield records.map(map);
}

/** A stream of single calls as pages of one, for a listing read a page at a time. */
async function* oneByOne(
  calls: AsyncIterable<Call>,
): AsyncGenerator<readonly Call[], void, undefined> {
  for await (const call of calls) yield [call];
}

/**
 * Builds a `CallProvider` from what is particular to a provider — its endpoints (how to
 * fetch a page and map its records), its lookup, its credentials — and supplies the rest
 * once for every provider:
 *
 * - the transport (one keep-alive pool, retries, timeouts, the rate budget, redaction),
 *   the phone normalizer and the clock, handed to the endpoint code as a `ProviderContext`;
 * - capabilities derived from the endpoints, and every query checked before any request:
 *   the window, the filters, the retention;
 * - listings that ask only the endpoints a filter needs, fetch the first pages of all of
 *   them at once, page by number (with a total that is never trusted) or by cursor (with
 *   time slicing), and keep at most `concurrency` requests in flight for the instance,
 *   oldest listing first;
 * - every Call checked (dates, durations), kept to the window (records outside it are
 *   dropped and reported), to the filters, once, and scrubbed of the instance's secrets;
 * - `getCall` with the id checked before the request and the answer checked to be that
 *   call.
 */
export function createCallProvider<Extra extends object = Record<never, never>>(
  definition: CallProviderDefinition<Extra>,
): CallProvider & Extra {
  const { settings } = definition;
  const rateLimiter = rateLimiterFor(settings.rateLimit, definition.defaultRateLimit);
  const onEvent = settings.transport?.onEvent;
  const http = new HttpClient({
    ...settings.transport,
    provider: definition.provider,
    instance: definition.name,
    baseUrl: definition.baseUrl,
    secrets: definition.secrets,
    rateLimiter,
    userAgentPackage: definition.package,
    ...(settings.now ? { now: settings.now } : {}),
    ...(definition.headers
      ? { headers: { ...settings.transport?.headers, ...definition.headers } }
      : {}),
  });
  const providerContext: ProviderContext = {
    provider: definition.provider,
    instance: definition.name,
    http,
    phone: createPhoneNormalizer({ defaultRegion: settings.defaultRegion ?? 'IN' }),
    now: settings.now ?? (() => new Date()),
    redactor: http.redactor,
    rateLimiter,
    rateLimiters: Object.fromEntries(
      Object.entries(definition.rateLimits ?? {}).map(([name, { setting, documented }]) => [
        name,
        rateLimiterFor(setting, documented),
      ]),
    ),
    onEvent,
  };
  const concurrency = settings.concurrency ?? 4;
  const pool = new RequestPool(concurrency);
  const sources = definition.sources?.(providerContext) ?? [];
  let listings = 0;

  const union = <T>(values: readonly (readonly T[])[]) => [...new Set(values.flat())];
  const capabilities: CallProviderCapabilities = {
    listCalls:
      sources.length === 0
        ? false
        : {
            directions: union(sources.map((source) => source.directions)),
            statuses: union(sources.map((source) => source.statuses)),
            ...(definition.retentionDays !== undefined
              ? { retentionDays: definition.retentionDays }
              : {}),
          },
    getCall: definition.getCall !== undefined,
  };

  const listingContext = (endpoint: string): ListingContext => ({
    provider: definition.provider,
    instance: definition.name,
    endpoint,
  });

  function open(
    source: ListingSource,
    index: number,
    listing: number,
    window: CallWindow,
    filter: ListingFilter,
    signal: AbortSignal,
  ): AsyncGenerator<readonly Call[], void, undefined> {
    const context = listingContext(source.endpoint);
    if (source.paging === 'zone-day') {
      return oneByOne(
        listZoneDays({
          source,
          window,
          http,
          pool,
          priority: [listing, index],
          now: () => providerContext.now(),
          signal,
        }),
      );
    }
    if (source.paging === 'page-number') {
      const request = (page: number, pageSignal: AbortSignal) => ({
        window,
        filter,
        signal: pageSignal,
        page,
        pageSize: source.pageSize,
      });
      const options = {
        pageSize: source.pageSize,
        concurrency,
        ...(source.maxPages !== undefined ? { maxPages: source.maxPages } : {}),
        context,
        onEvent,
        signal,
      };
      if ('fetchRecords' in source) {
        // Records wait for their turn; they become Calls when the listing reaches them.
        return mappedPages(
          paginatePages({
            ...options,
            fetchPage: async (page, pageSignal) => {
              const result = await pool.run(
                [listing, index, page],
                () => source.fetchRecords(request(page, pageSignal)),
                pageSignal,
              );
              return { items: result.records, total: result.total };
            },
          }),
          (record, recordIndex) => source.map(record, recordIndex),
        );
      }
      return paginatePages({
        ...options,
        fetchPage: async (page, pageSignal) => {
          const result = await pool.run(
            [listing, index, page],
            () => source.fetchPage(request(page, pageSignal)),
            pageSignal,
          );
          return { items: result.calls, total: result.total };
        },
      });
    }
    const sliceKey = source.sliceKey ?? ((call: Call) => call.startedAt);
    const slicing = source.slicing === false ? undefined : source.slicing;
    const span = window.to.getTime() - window.from.getTime() + 1;
    return paginateByCursorPages({
      window,
      // Twice the concurrency, so that a slot freed by a finished chain finds another; more
      // when the API refuses windows longer than `maximumMs`.
      slices:
        source.slicing === false
          ? 1
          : Math.max(2 * concurrency, slicing?.maximumMs ? Math.ceil(span / slicing.maximumMs) : 1),
      minimumSliceMs: source.slicing === false ? 1 : (slicing?.minimumMs ?? 1000),
      // A chain is one page at a time, so the slots stay busy only if the chains after the
      // one being read may run well ahead of it: as far as a buffer of
      // `cursorBufferRecords / concurrency` records a chain allows (two pages at least).
      // With 2 × concurrency chains, at most 2 × cursorBufferRecords records wait.
      prefetch: Math.max(
        2,
        Math.floor(cursorBufferRecords / (concurrency * (source.pageSize ?? 100))),
      ),
      sliceKey: (call: Call) => sliceKey(call).getTime(),
      context,
      signal,
      fetchFirst: ({ window: subWindow, slice, page, signal: chainSignal }) =>
        pool.run(
          [listing, index, slice, page],
          async () => {
            const result = await source.fetchFirst({
              window: subWindow,
              listingWindow: window,
              filter,
              signal: chainSignal,
            });
            return { items: result.calls, next: result.next };
          },
          chainSignal,
        ),
      fetchNext: (cursor, { window: subWindow, slice, page, signal: chainSignal }) =>
        pool.run(
          [listing, index, slice, page],
          async () => {
            const result = await source.fetchNext(cursor, {
              window: subWindow,
              listingWindow: window,
              filter,
              signal: chainSignal,
            });
            return { items: result.calls, next: result.next };
          },
          chainSignal,
        ),
    });
  }

  async function* list(query: ListCallsQuery): AsyncGenerator<Call, void, undefined> {
    assertListQuerySupported(provider, query);
    // Fixed once: every page of every endpoint asks for the same window.
    const window = { from: new Date(query.from), to: new Date(query.to) };
    if (definition.retentionDays !== undefined) {
      const oldest = providerContext.now().getTime() - definition.retentionDays * dayMs;
      if (window.from.getTime() < oldest) {
        throw new InvalidRequestError({
          provider: definition.provider,
          instance: definition.name,
          message: `keeps calls for ${definition.retentionDays} days: a window from ${window.from.toISOString()} starts before what it can still serve (${new Date(oldest).toISOString()})`,
        });
      }
    }
    const filter: ListingFilter = { direction: query.direction, status: query.status };
    const selected = sources.filter(
      (source) =>
        (filter.direction === undefined || source.directions.includes(filter.direction)) &&
        (filter.status === undefined || source.statuses.includes(filter.status)),
    );
    const listing = listings++;
    const controller = new AbortController();
    const signal = query.signal
      ? AbortSignal.any([query.signal, controller.signal])
      : controller.signal;
    // The first endpoint is read as it comes; each later one reads ahead into a buffer of
    // about one round of pages, so that its requests fill the slots the endpoints before
    // it leave free (their last pages) rather than waiting for its turn.
    const streams = selected.map((source, index) =>
      index === 0
        ? primed(open(source, index, listing, window, filter, signal))
        : readAhead(
            open(source, index, listing, window, filter, signal),
            // Pages: a zone-day source's are single calls, read ahead as many as a round
            // of pages of 100 would hold.
            source.paging === 'zone-day' ? concurrency * 100 : concurrency,
            signal,
          ),
    );
    // Repeats to drop: a window as short as the endpoints allow (see `duplicateWindow`).
    const seen = new RecentIds(duplicateWindow(selected, concurrency));
    const rejected = new RecentIds(10_000);
    const from = window.from.getTime();
    const to = window.to.getTime();
    try {
      for (const [index, stream] of streams.entries()) {
        const source = selected[index]!;
        const context = listingContext(source.endpoint);
        for await (const page of stream) {
          for (const call of page) {
            // A record that cannot be trusted is kept out and reported with its raw form; the
            // listing goes on (one policy for every provider: see `record-rejected`).
            const issues = unreadableRecordProblem(call)?.issues ?? callProblems(call);
            if (issues.length > 0) {
              const id = typeof call.id === 'string' && call.id !== '' ? call.id : undefined;
              if (id !== undefined && !rejected.add(id)) continue;
              onEvent?.({
                type: 'record-rejected',
                ...context,
                id,
                issues,
                message: `${id === undefined ? 'a record' : `call ${id}`} cannot be trusted: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
                raw: http.redactor.scrub(call.raw),
                window: { from: new Date(window.from), to: new Date(window.to) },
              });
              continue;
            }
            const startedAt = call.startedAt.getTime();
            if (startedAt < from || startedAt > to) {
              onEvent?.({
                type: 'record-dropped',
                ...context,
                id: call.id,
                reason: 'outside-window',
                startedAt: call.startedAt,
              });
              continue;
            }
            if (filter.direction !== undefined && call.direction !== filter.direction) continue;
            if (filter.status !== undefined && call.status !== filter.status) continue;
            if (!seen.add(call.id)) continue;
            yield http.redactor.scrub(call);
          }
        }
      }
    } catch (error) {
      // An abort ends the listing with the caller's own reason, untouched.
      if (query.signal?.aborted && error === query.signal.reason) throw error;
      throw scrubError(error, http.redactor);
    } finally {
      controller.abort();
      await Promise.allSettled(streams.map((stream) => stream.return()));
    }
  }

  async function getCall(id: string, options?: GetCallOptions): Promise<Call | null> {
    const lookup = definition.getCall;
    if (!lookup) throw unsupportedGetCall(provider);
    options?.signal?.throwIfAborted();
    const who = { provider: definition.provider, instance: definition.name };
    if (lookup.assertId) lookup.assertId(id);
    else if (typeof id !== 'string' || id.trim() === '')
      throw new InvalidRequestError({ ...who, message: 'a call id is required' });
    else if (lookup.idPattern && !lookup.idPattern.test(id)) {
      throw new InvalidRequestError({
        ...who,
        message: `a call id must be ${lookup.idDescription ?? `like ${lookup.idPattern}`}`,
      });
    }
    let call: Call | null;
    try {
      call = await lookup.fetch(id, providerContext, options?.signal, options);
    } catch (error) {
      if (options?.signal?.aborted && error === options.signal.reason) throw error;
      throw scrubError(error, http.redactor);
    }
    if (call === null) return null;
    const lookupContext = listingContext('getCall');
    checkCall(call, lookupContext);
    if (call.id !== id) {
      throw scrubError(
        new ResponseValidationError({
          ...lookupContext,
          issues: [{ path: 'id', message: 'expected the call asked for' }],
          message: `asked for call ${id}, the answer holds call ${call.id}`,
        }),
        http.redactor,
      );
    }
    return http.redactor.scrub(call);
  }

  const provider: CallProvider = {
    specificationVersion: CALL_PROVIDER_SPECIFICATION_VERSION,
    provider: definition.provider,
    name: definition.name,
    capabilities,
    listCalls: (query) => list(query),
    getCall,
    close: () => http.close(),
  };
  const extra = definition.extend?.(providerContext, provider);
  return Object.assign(provider, extra) as CallProvider & Extra;
}
