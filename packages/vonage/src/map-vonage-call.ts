import {
  type Call,
  type CallAgent,
  type CallDirection,
  type CallParty,
  type CallStatus,
  parseZonedDateTime,
} from '@cdr/core';
import {
  type PhoneNormalizer,
  parseMoneyAmount,
  parseWholeSeconds,
} from '@cdr/core/provider-utils';
import type { VonageEndpoint, VonageRecord } from './vonage-schemas.js';

/** Vonage's `direction` → Call direction; anything else is `unknown` (the raw word is kept). */
export const vonageDirections: Readonly<Record<string, CallDirection>> = {
  inbound: 'inbound',
  outbound: 'outbound',
};

/**
 * Vonage's leg `status` (the spec's enum, fact sheet §3) → Call status. `machine` is a leg an
 * answering machine (voicemail) picked up: answered, with `providerFields.status` saying so.
 * `rejected` (declined, invalid or restricted number), `cancelled`, `unanswered` and
 * `timeout` were never answered; legs not over yet (`started`, `ringing`, `answered`) are
 * `unknown` until the listing shows them finished.
 */
export const vonageStatuses: Readonly<Record<string, CallStatus>> = {
  completed: 'answered',
  machine: 'answered',
  busy: 'busy',
  cancelled: 'missed',
  unanswered: 'missed',
  timeout: 'missed',
  rejected: 'missed',
  failed: 'failed',
  started: 'unknown',
  ringing: 'unknown',
  answered: 'unknown',
};

/** The currency of `price` and `rate` when the settings name none: the webhook reference says EUR. */
export const defaultVonageCurrency = 'EUR';

export interface VonageMappingOptions {
  /** The currency of `price` (the record names none). Default `EUR` (inferred). */
  currency?: string | undefined;
}

const present = (value: string | number | null | undefined): value is string | number =>
  value !== undefined && value !== null && String(value).trim() !== '';

/**
 * A Vonage time → a Date. Real answers send ISO 8601 in UTC with milliseconds
 * (`2024-04-19T01:34:18.000Z`); the spec's text says `2020-01-01 12:00:00`, with no zone:
 * both are read, a zone-less time as UTC (every Vonage time is UTC, fact sheet §6).
 * Absent, null or `""` is `undefined`; anything else unreadable is an invalid Date, for the
 * kit's check to name (never another time without a word).
 */
export function parseVonageTime(value: string | null | undefined): Date | undefined {
  if (!present(value)) return undefined;
  const text = value.trim();
  const local = text.endsWith('Z') ? text.slice(0, -1) : text;
  return parseZonedDateTime(local, 'UTC') ?? new Date(Number.NaN);
}

/** One endpoint object (or a one-element array of one, as in an old PHP fixture). */
function endpointOf(value: VonageEndpoint | null | undefined) {
  if (value === null || value === undefined) return undefined;
  return Array.isArray(value) ? value[0] : value;
}

/**
 * An endpoint → a party. Phone numbers come in E.164 without the `+` (`447700900000`):
 * read as E.164, `raw` kept as sent. SIP and WebSocket URIs, VBC extensions and app users
 * are identifiers.
 */
function partyOf(
  value: VonageEndpoint | null | undefined,
  normalize: PhoneNormalizer,
): CallParty | undefined {
  const endpoint = endpointOf(value);
  if (!endpoint) return undefined;
  if (present(endpoint.number)) {
    const raw = String(endpoint.number).trim();
    return /^\d{7,15}$/.test(raw) ? { ...normalize(`+${raw}`), raw } : normalize(raw);
  }
  const identifier = [endpoint.uri, endpoint.user, endpoint.extension].find(present);
  return identifier === undefined ? undefined : { kind: 'identifier', raw: String(identifier) };
}

/** An `app` endpoint is a Client SDK user: the leg's agent. */
function agentOf(record: VonageRecord): CallAgent | undefined {
  for (const value of [record.to, record.from]) {
    const endpoint = endpointOf(value);
    if (endpoint?.type === 'app' && present(endpoint.user)) return { id: endpoint.user };
  }
  return undefined;
}

/**
 * A validated Vonage call leg → a Call. Every leg is its own Call (`id` = `uuid`); the legs
 * of one conversation share `providerFields.conversationUuid`. A leg with no start time
 * (`start_time: ""` on a cancelled leg) cannot be placed in a window: its `startedAt` is
 * invalid and the kit reports it as rejected rather than guessing a time.
 */
export function mapVonageCall(
  record: VonageRecord,
  normalize: PhoneNormalizer,
  raw: unknown = record,
  options: VonageMappingOptions = {},
): Call {
  const startedAt = parseVonageTime(record.start_time) ?? new Date(Number.NaN);
  const endedAt = parseVonageTime(record.end_time);
  const seconds = present(record.duration)
    ? (parseWholeSeconds(record.duration) ?? Number.NaN)
    : undefined;
  const price = present(record.price) ? (parseMoneyAmount(record.price) ?? Number.NaN) : undefined;
  const from = partyOf(record.from, normalize);
  const to = partyOf(record.to, normalize);
  const agent = agentOf(record);

  const providerFields: Record<string, string> = {};
  const keep = (name: string, value: string | number | null | undefined) => {
    if (present(value)) providerFields[name] = String(value);
  };
  keep('status', record.status);
  keep('direction', record.direction);
  keep('conversationUuid', record.conversation_uuid);
  keep('network', record.network);
  keep('ratePerMinute', record.rate);
  keep('fromType', endpointOf(record.from)?.type);
  keep('toType', endpointOf(record.to)?.type);

  return {
    id: record.uuid,
    provider: 'vonage',
    direction: vonageDirections[record.direction ?? ''] ?? 'unknown',
    status: vonageStatuses[record.status ?? ''] ?? 'unknown',
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    startedAt,
    ...(endedAt ? { endedAt } : {}),
    durations: seconds !== undefined ? { totalSeconds: seconds } : {},
    ...(price !== undefined
      ? { cost: { amount: price, currency: options.currency ?? defaultVonageCurrency } }
      : {}),
    ...(present(record.recording_url) ? { recording: { url: record.recording_url } } : {}),
    ...(agent ? { agent } : {}),
    notes: [],
    ...(Object.keys(providerFields).length > 0 ? { providerFields } : {}),
    raw,
  };
}
