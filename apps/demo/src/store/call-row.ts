import type { Call, CallParty } from '@cdr/core';
import { canonicalJson } from './canonical-json.ts';

/** One row of the `calls` table: the columns queries filter and aggregate on, plus the whole Call as JSON. */
export type CallRow = {
  provider: string;
  id: string;
  /** The account whose sync stored it first (a call seen by two accounts keeps the first). */
  account: string | null;
  /**
   * The call this one is a leg of (Twilio's `parentCallSid`: a `<Dial>` leg), else null:
   * the report folds legs into their parent (schema 7).
   */
  parent_id: string | null;
  started_at: number;
  direction: string;
  status: string;
  from_number: string | null;
  to_number: string | null;
  /** The other party's number: whom an agent called, or who called in. */
  counterpart: string | null;
  agent_id: string | null;
  agent_name: string | null;
  total_seconds: number | null;
  talk_seconds: number | null;
  billed_seconds: number | null;
  ring_seconds: number | null;
  cost_amount: number | null;
  cost_currency: string | null;
  recording_url: string | null;
  call_json: string;
  synced_at: number;
};

export const callRowColumns = [
  'provider',
  'id',
  'account',
  'parent_id',
  'started_at',
  'direction',
  'status',
  'from_number',
  'to_number',
  'counterpart',
  'agent_id',
  'agent_name',
  'total_seconds',
  'talk_seconds',
  'billed_seconds',
  'ring_seconds',
  'cost_amount',
  'cost_currency',
  'recording_url',
  'call_json',
  'synced_at',
] as const satisfies readonly (keyof CallRow)[];

/** The columns an update may change: the account a call was first stored by stays. */
export const updatableColumns = callRowColumns.filter(
  (column) => column !== 'provider' && column !== 'id' && column !== 'account',
);

const number = (party: CallParty | undefined): string | null =>
  party ? (party.phoneNumber ?? party.raw) : null;

/** The party that is not the account's own side; outbound calls are to it, inbound from it. */
export function counterpartOf(call: Call): CallParty | undefined {
  if (call.direction === 'inbound') return call.from;
  return call.to ?? call.from;
}

export function toCallRow(call: Call, account: string | null, syncedAt: number): CallRow {
  const started = call.startedAt.getTime();
  // An invalid Date would go in as NULL or NaN: refused, and its slice with it.
  if (!Number.isFinite(started))
    throw new RangeError(`call ${call.provider}/${call.id} has no valid start time`);
  return {
    provider: call.provider,
    id: call.id,
    account,
    parent_id: call.providerFields?.parentCallSid ?? null,
    started_at: started,
    direction: call.direction,
    status: call.status,
    from_number: number(call.from),
    to_number: number(call.to),
    counterpart: number(counterpartOf(call)),
    agent_id: call.agent?.id ?? null,
    agent_name: call.agent?.name ?? null,
    total_seconds: call.durations.totalSeconds ?? null,
    talk_seconds: call.durations.talkSeconds ?? null,
    billed_seconds: call.durations.billedSeconds ?? null,
    ring_seconds: call.durations.ringSeconds ?? null,
    cost_amount: call.cost?.amount ?? null,
    cost_currency: call.cost?.currency ?? null,
    recording_url: call.recording?.url ?? null,
    call_json: canonicalJson(call),
    synced_at: syncedAt,
  };
}
