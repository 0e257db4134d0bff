import type { CdrErrorCode } from '../errors/index.js';

interface EventBase {
  /** The provider family, e.g. `telecmi`. */
  provider: string;
  /** The provider instance (account), e.g. `telecmi:rest-user`, when known. */
  instance?: string | undefined;
  /** e.g. `POST /v2/user/out_cdr`. */
  endpoint: string;
}

interface RequestEventBase extends EventBase {
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
}

/**
 * What a listing reports when the provider's answers disagree with themselves or with the
 * query. None of these fails the listing; each says what was done about it.
 * - `total-mismatch`: the records did not match the stated total. `short-page`: a page
 *   before the last one the total allows came back short or empty, and the listing ended
 *   there; `beyond-total`: more records came than the total said (pages were asked for
 *   until a short one).
 * - `total-changed`: a later page reported a smaller total than an earlier one. Records
 *   were removed while the listing ran; with offset paging some may have been skipped, so
 *   list the window again (the sync tool's lookback does).
 * - `record-dropped`: a record was left out: `outside-window`, it started outside the
 *   window asked for.
 * - `record-rejected`: a record that cannot be trusted (a field the provider sent that
 *   cannot be read, an end before its start, a negative duration, a currency that is no
 *   ISO 4217 code) was kept out of the listing, which went on without it. The event carries
 *   the record as received (`raw`, with every secret of the instance redacted) and why, so
 *   that it can be quarantined, looked at and retried: never dropped silently, never allowed
 *   to block the rest of the window.
 */
export type ListingEvent =
  | (EventBase & {
      type: 'total-mismatch';
      /** The total the provider stated. */
      stated: number;
      /** Records received. */
      received: number;
      reason: 'short-page' | 'beyond-total';
    })
  | (EventBase & { type: 'total-changed'; page: number; previousTotal: number; total: number })
  | (EventBase & { type: 'record-dropped'; id: string; reason: 'outside-window'; startedAt: Date })
  | (EventBase & {
      type: 'record-rejected';
      /** The record's id, when it could be read. */
      id: string | undefined;
      /** What is wrong, field by field (paths name fields, never values). */
      issues: readonly { path: string; message: string }[];
      message: string;
      /** The record as the provider sent it, secrets redacted. */
      raw: unknown;
      /** The window of the listing that received it: list it again to retry the record. */
      window: { from: Date; to: Date };
    });

/**
 * What the transport and the listings report, for logging and tracing. Every field is free
 * of secrets: URLs are redacted, and no request or response body is included (but for a
 * rejected record's own `raw`, redacted as listed Calls are).
 */
export type TransportEvent =
  | (RequestEventBase & { type: 'request'; method: string; url: string })
  | (RequestEventBase & {
      type: 'response';
      statusCode: number;
      durationMs: number;
      bytes: number;
    })
  | (RequestEventBase & {
      type: 'retry';
      delayMs: number;
      error: { code: CdrErrorCode; message: string };
    })
  | (RequestEventBase & { type: 'rate-limit-wait'; waitMs: number })
  /**
   * A request waits for its bearer token: for the provider's issuance budget (`waitMs`),
   * or for a token another request of the account is fetching.
   */
  | (RequestEventBase & {
      type: 'token-wait';
      reason: 'token-issuance-budget' | 'token-in-flight';
      waitMs?: number | undefined;
    })
  | ListingEvent;

export type TransportEventListener = (event: TransportEvent) => void;
