import type { TransportEvent } from '@cdr/core';
import type { LogFields } from './logger.ts';

/** A transport event as a log line: its message, its fields, and its text form. */
export interface TransportLogEntry {
  message: string;
  fields: LogFields;
  text: string;
}

const milliseconds = (ms: number) => `${Math.round(ms).toLocaleString('en-US')} ms`;

const withoutPrefix = (text: string, prefix: string) =>
  text.startsWith(prefix) ? text.slice(prefix.length) : text;

const tokenWaitReasons = {
  'token-issuance-budget': 'the provider’s token issuance budget',
  'token-in-flight': 'a token another request is fetching',
} as const;

/**
 * What `-v` and `DEBUG=cdr:http` print for each of the transport's events, as `gh`'s
 * `GH_DEBUG=api` does: the request and its answer, a retry with its reason and wait, a wait
 * for the rate budget or a token, and what a listing found odd. Every field core gives is
 * already redacted (URLs, error messages); no body is printed, nor a rejected record's raw
 * form (the quarantine keeps it).
 */
export function transportLogEntry(event: TransportEvent): TransportLogEntry {
  const account = event.instance ?? event.provider;
  const base: LogFields = { account, provider: event.provider, endpoint: event.endpoint };
  const entry = (message: string, fields: LogFields, text: string): TransportLogEntry => ({
    message,
    fields: { ...base, ...fields },
    text: `[cdr:http] ${account}  ${text}`,
  });
  const attempt = 'attempt' in event && event.attempt > 1 ? ` (attempt ${event.attempt})` : '';
  switch (event.type) {
    case 'request':
      return entry(
        'request',
        { attempt: event.attempt, method: event.method, url: event.url },
        `→ ${event.method} ${event.url}${attempt}`,
      );
    case 'response': {
      // The transport follows no redirect: a 3xx is an answer like any other, refused.
      const redirect =
        event.statusCode >= 300 && event.statusCode < 400 ? ' (a redirect: not followed)' : '';
      return entry(
        'response',
        {
          attempt: event.attempt,
          statusCode: event.statusCode,
          durationMs: Math.round(event.durationMs),
          bytes: event.bytes,
        },
        `← ${event.statusCode} ${event.endpoint}  ${milliseconds(event.durationMs)}  ${event.bytes.toLocaleString('en-US')} bytes${redirect}${attempt}`,
      );
    }
    case 'retry': {
      // Core's messages start with the account and endpoint, which the line already names.
      const reason = withoutPrefix(
        withoutPrefix(event.error.message, `[${account}] `),
        `${event.endpoint}: `,
      );
      return entry(
        'retry',
        {
          attempt: event.attempt,
          delayMs: event.delayMs,
          errorCode: event.error.code,
          error: reason,
        },
        `retry of ${event.endpoint} in ${milliseconds(event.delayMs)}: attempt ${event.attempt} failed: ${event.error.code}: ${reason}`,
      );
    }
    case 'rate-limit-wait':
      return entry(
        'rate-limit wait',
        { attempt: event.attempt, waitMs: event.waitMs },
        `rate-limit wait of ${milliseconds(event.waitMs)} before ${event.endpoint}${attempt}`,
      );
    case 'token-wait':
      return entry(
        'token wait',
        { attempt: event.attempt, reason: event.reason, waitMs: event.waitMs },
        `token wait${event.waitMs !== undefined ? ` of ${milliseconds(event.waitMs)}` : ''} before ${event.endpoint}: ${tokenWaitReasons[event.reason]}`,
      );
    case 'total-mismatch':
      return entry(
        'total mismatch',
        { stated: event.stated, received: event.received, reason: event.reason },
        `listing ${event.endpoint}: the provider said ${event.stated} records and served ${event.received} (${event.reason})`,
      );
    case 'total-changed':
      return entry(
        'total changed',
        { page: event.page, previousTotal: event.previousTotal, total: event.total },
        `listing ${event.endpoint}: the total went from ${event.previousTotal} to ${event.total} at page ${event.page} (records removed while listing)`,
      );
    case 'record-dropped':
      return entry(
        'record dropped',
        { id: event.id, reason: event.reason, startedAt: event.startedAt.toISOString() },
        `listing ${event.endpoint}: record ${event.id} left out: it started outside the window (${event.startedAt.toISOString()})`,
      );
    case 'record-rejected':
      return entry(
        'record rejected',
        { id: event.id, reason: event.message },
        `listing ${event.endpoint}: record ${event.id ?? '(no id)'} kept aside: ${event.message}`,
      );
  }
}
