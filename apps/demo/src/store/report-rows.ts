// The report's rows, as the database hands them back, turned into typed figures. The rollup
// queries and the raw ones (the test oracle) name their columns alike, so one mapping
// serves both and any difference between them is in the SQL, where the tests look.

import { dayName } from './quarter-hours.ts';
import type {
  AgentRow,
  BreakdownAgent,
  BreakdownCall,
  BreakdownCost,
  BreakdownGroup,
  BreakdownHour,
  BreakdownMissedCall,
  DayRow,
  HeatmapCell,
  ProviderTotals,
  ReportBreakdown,
  ReportFigures,
  ReportQuery,
  TrendRow,
  UnreturnedMissedCall,
} from './report-figures.ts';

export type Row = Record<string, unknown>;

const toNumber = (value: unknown) => Number(value ?? 0);
// Sums and averages of floating-point columns come out of SQLite and PostgreSQL in their own
// order of additions (55.4552 and 55.45520000000003): rounded, the two stores agree.
const money = (value: unknown) => Number(toNumber(value).toFixed(6));
const roundedOrNull = (value: unknown) =>
  value === null || value === undefined ? null : Number(Number(value).toFixed(3));
const toNullableNumber = (value: unknown) =>
  value === null || value === undefined ? null : Number(value);
// Days come out of SQL as day numbers in the query's zone (quarter-hours.ts).
const dayOfRow = (row: Row) => dayName(toNumber(row.day));
const toNullableString = (value: unknown) =>
  value === null || value === undefined ? null : String(value);

function providersOf(providerRows: Row[], costRows: Row[]): ProviderTotals[] {
  return providerRows.map((row) => ({
    provider: String(row.provider),
    calls: toNumber(row.calls),
    answered: toNumber(row.answered),
    missed: toNumber(row.missed),
    totalSeconds: toNullableNumber(row.total_seconds),
    talkSeconds: toNullableNumber(row.talk_seconds),
    billedSeconds: toNullableNumber(row.billed_seconds),
    costs: costRows
      .filter((cost) => cost.provider === row.provider)
      .map((cost) => ({
        currency: cost.currency === null ? null : String(cost.currency),
        amount: money(cost.amount),
      })),
  }));
}

const dayOf = (row: Row): DayRow => ({
  day: dayOfRow(row),
  provider: String(row.provider),
  direction: String(row.direction),
  answered: toNumber(row.answered),
  missed: toNumber(row.missed),
  other: toNumber(row.other),
});

const heatmapCellOf = (row: Row): HeatmapCell => ({
  weekday: toNumber(row.weekday),
  hour: toNumber(row.hour),
  inbound: toNumber(row.inbound),
  missedInbound: toNumber(row.missed_inbound),
});

const trendOf = (row: Row): TrendRow => ({
  day: dayOfRow(row),
  calls: toNumber(row.calls),
  answered: toNumber(row.answered),
  averageRingSeconds: roundedOrNull(row.ring),
});

const agentOf = (row: Row): AgentRow => ({
  agent: String(row.agent),
  calls: toNumber(row.calls),
  answered: toNumber(row.answered),
  talkSeconds: toNullableNumber(row.talk_seconds),
  averageHandleSeconds: roundedOrNull(row.handle_seconds),
});

const unreturnedMissedCallOf = (row: Row): UnreturnedMissedCall => ({
  provider: String(row.provider),
  id: String(row.id),
  startedAt: new Date(toNumber(row.started_at)),
  number: String(row.number),
  direction: String(row.direction),
  recordingUrl: row.recording_url === null ? null : String(row.recording_url),
});

/** The rows of a report's figures (the breakdown apart), in the order they are queried. */
export type FigureRows = [
  providerRows: Row[],
  costRows: Row[],
  dayRows: Row[],
  heatmapRows: Row[],
  trendRows: Row[],
  agentRows: Row[],
  countRows: Row[],
  latestRows: Row[],
];

/** The figures of the rows (`countRows` is one row, `n`: the unreturned missed calls). */
export function figuresOf(
  query: ReportQuery,
  [
    providerRows,
    costRows,
    dayRows,
    heatmapRows,
    trendRows,
    agentRows,
    countRows,
    latestRows,
  ]: FigureRows,
): Omit<ReportFigures, 'breakdown'> {
  return {
    query,
    providers: providersOf(providerRows, costRows),
    days: dayRows.map(dayOf),
    heatmap: heatmapRows.map(heatmapCellOf),
    trend: trendRows.map(trendOf),
    agents: agentRows.map(agentOf),
    unreturnedMissed: {
      count: toNumber(countRows[0]?.n),
      page: query.missedPage ?? 0,
      latest: latestRows.map(unreturnedMissedCallOf),
    },
  };
}

/** The breakdown's rows; `unreturnedRows` say `n` per (day, provider, account, direction). */
export interface BreakdownRows {
  groupRows: Row[];
  unreturnedRows: Row[];
  hourRows: Row[];
  costRows: Row[];
  agentRows: Row[];
  missedRows: Row[];
  callRows: Row[];
}

export function breakdownOf(rows: BreakdownRows): ReportBreakdown {
  const groupKey = (row: Row) =>
    JSON.stringify([toNumber(row.day), row.provider, row.account ?? null, row.direction]);
  const unreturnedByGroup = new Map(
    rows.unreturnedRows.map((row) => [groupKey(row), toNumber(row.n)]),
  );
  const groups: BreakdownGroup[] = rows.groupRows.map((row) => ({
    day: dayOfRow(row),
    provider: String(row.provider),
    account: toNullableString(row.account),
    direction: String(row.direction),
    calls: toNumber(row.calls),
    answered: toNumber(row.answered),
    missed: toNumber(row.missed),
    other: toNumber(row.other),
    totalSeconds: toNullableNumber(row.total_seconds),
    talkSeconds: toNullableNumber(row.talk_seconds),
    billedSeconds: toNullableNumber(row.billed_seconds),
    ringSeconds: toNumber(row.ring_seconds),
    ringCalls: toNumber(row.ring_calls),
    unreturnedMissed: unreturnedByGroup.get(groupKey(row)) ?? 0,
  }));
  const hours: BreakdownHour[] = rows.hourRows.map((row) => ({
    day: dayOfRow(row),
    hour: toNumber(row.hour),
    provider: String(row.provider),
    account: toNullableString(row.account),
    inbound: toNumber(row.inbound),
    missedInbound: toNumber(row.missed_inbound),
  }));
  const costs: BreakdownCost[] = rows.costRows.map((row) => ({
    day: dayOfRow(row),
    provider: String(row.provider),
    account: toNullableString(row.account),
    direction: String(row.direction),
    currency: toNullableString(row.currency),
    amount: money(row.amount),
  }));
  const agents: BreakdownAgent[] = rows.agentRows.map((row) => ({
    day: dayOfRow(row),
    provider: String(row.provider),
    account: toNullableString(row.account),
    direction: String(row.direction),
    agentId: String(row.agent_id),
    agentName: toNullableString(row.agent_name),
    calls: toNumber(row.calls),
    answered: toNumber(row.answered),
    talkSeconds: toNullableNumber(row.talk_seconds),
    handleSeconds: toNumber(row.handle_seconds),
    handledCalls: toNumber(row.handled_calls),
  }));
  const missedCalls: BreakdownMissedCall[] = rows.missedRows.map((row) => ({
    provider: String(row.provider),
    account: toNullableString(row.account),
    id: String(row.id),
    startedAt: new Date(toNumber(row.started_at)),
    number: String(row.number),
    direction: String(row.direction),
    recordingUrl: toNullableString(row.recording_url),
  }));
  const calls: BreakdownCall[] = rows.callRows.map((row) => ({
    provider: String(row.provider),
    account: toNullableString(row.account),
    id: String(row.id),
    startedAt: new Date(toNumber(row.started_at)),
    direction: String(row.direction),
    status: String(row.status),
    number: toNullableString(row.number),
    agent: toNullableString(row.agent),
    seconds: toNullableNumber(row.seconds),
    recordingUrl: toNullableString(row.recording_url),
  }));
  return { groups, hours, costs, agents, missedCalls, calls };
}
