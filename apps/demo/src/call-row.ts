import { type Call, type CallParty, formatZonedDate, INDIA_TIME_ZONE } from '@cdr/core';

/** One row of the `calls` table: the columns queries filter on, plus the whole Call as JSON. */
export type CallRow = {
  provider: string;
  id: string;
  started_at: number;
  ist_day: string;
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
  cost_amount: number | null;
  cost_currency: string | null;
  call_json: string;
  synced_at: number;
};

export const callRowColumns = [
  'provider',
  'id',
  'started_at',
  'ist_day',
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
  'cost_amount',
  'cost_currency',
  'call_json',
  'synced_at',
] as const satisfies readonly (keyof CallRow)[];

const number = (party: CallParty | undefined): string | null =>
  party ? (party.phoneNumber ?? party.raw) : null;

/** The party that is not the account's own side; outbound calls are to it, inbound from it. */
export function counterpartOf(call: Call): CallParty | undefined {
  if (call.direction === 'inbound') return call.from;
  return call.to ?? call.from;
}

export function toCallRow(call: Call, syncedAt: number): CallRow {
  return {
    provider: call.provider,
    id: call.id,
    started_at: call.startedAt.getTime(),
    ist_day: formatZonedDate(call.startedAt, INDIA_TIME_ZONE),
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
    cost_amount: call.cost?.amount ?? null,
    cost_currency: call.cost?.currency ?? null,
    call_json: JSON.stringify(call),
    synced_at: syncedAt,
  };
}
