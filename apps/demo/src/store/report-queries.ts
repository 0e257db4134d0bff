// The report's figures as SQL that SQLite and PostgreSQL both run: standard aggregates,
// CASTs to the types the drivers hand back as numbers, and lower-case aliases (PostgreSQL
// folds unquoted names). Every figure is aggregated in the database, so a report over a
// million calls moves a few hundred rows, not the calls.
import { filterCondition } from './call-filter.ts';
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
import { Sql, sql } from './sql.ts';

/** Runs a query and returns its rows; each store supplies one. */
export type RunQuery = (query: Sql) => Promise<Record<string, unknown>[]>;

const count = (condition: string) =>
  `CAST(sum(CASE WHEN ${condition} THEN 1 ELSE 0 END) AS INTEGER)`;
const answered = "status = 'answered'";
const missed = "status IN ('missed', 'busy')";
// A sum over no value is NULL: unknown stays unknown, never 0.
const total = (column: string) => `CAST(sum(${column}) AS DOUBLE PRECISION)`;
const average = (column: string) => `CAST(avg(${column}) AS DOUBLE PRECISION)`;

const toNumber = (value: unknown) => Number(value ?? 0);
// Sums and averages of floating-point columns come out of SQLite and PostgreSQL in their own
// order of additions (55.4552 and 55.45520000000003): rounded, the two stores agree.
const money = (value: unknown) => Number(toNumber(value).toFixed(6));
const roundedOrNull = (value: unknown) =>
  value === null || value === undefined ? null : Number(Number(value).toFixed(3));
const toNullableNumber = (value: unknown) =>
  value === null || value === undefined ? null : Number(value);
const toNullableString = (value: unknown) =>
  value === null || value === undefined ? null : String(value);
// The handle time of an answered call: talk (else call) time plus ring time where given.
const handleTime = `CASE WHEN ${answered} THEN coalesce(talk_seconds, total_seconds) + coalesce(ring_seconds, 0) END`;

/**
 * Missed or busy calls with no answered call to or from the same number afterwards.
 * The status test is wrapped in a CASE so that no index on status can serve it: without
 * statistics SQLite otherwise searched `calls_status (status, started_at)` for every missed
 * call, reading every later answered call (quadratic: over 5 minutes at 1,000,000 calls),
 * where `calls_counterpart (counterpart, started_at)` reads a handful (BENCHMARKS.md, B7).
 */
function unreturnedMissedFrom(query: ReportQuery): Sql {
  return sql`FROM calls AS missed
     WHERE ${filterCondition(query, 'missed')} AND missed.status IN ('missed', 'busy')
       AND missed.counterpart IS NOT NULL
       AND NOT EXISTS (
         SELECT 1 FROM calls AS later
         WHERE later.counterpart = missed.counterpart
           AND later.started_at > missed.started_at
           AND (CASE WHEN later.status = 'answered' THEN 1 ELSE 0 END) = 1)`;
}

/** Computes every figure of a report with the store's query runner. */
export async function computeReportFigures(
  run: RunQuery,
  query: ReportQuery,
): Promise<ReportFigures> {
  const top = query.top ?? 5;
  const page = query.missedPage ?? 0;
  const where = filterCondition(query);

  const [providerRows, costRows, dayRows, heatmapRows, trendRows, agentRows] = await Promise.all([
    run(sql`SELECT provider, CAST(count(*) AS INTEGER) AS calls,
        ${new Sql(count(answered))} AS answered, ${new Sql(count(missed))} AS missed,
        ${new Sql(total('total_seconds'))} AS total_seconds,
        ${new Sql(total('talk_seconds'))} AS talk_seconds,
        ${new Sql(total('billed_seconds'))} AS billed_seconds
      FROM calls WHERE ${where} GROUP BY provider ORDER BY provider`),
    run(sql`SELECT provider, cost_currency AS currency, ${new Sql(total('cost_amount'))} AS amount
      FROM calls WHERE ${where} AND cost_amount IS NOT NULL
      GROUP BY provider, cost_currency ORDER BY provider, cost_currency`),
    run(sql`SELECT ist_day AS day, provider, direction,
        ${new Sql(count(answered))} AS answered, ${new Sql(count(missed))} AS missed,
        ${new Sql(count(`NOT (${answered} OR ${missed})`))} AS other
      FROM calls WHERE ${where} GROUP BY ist_day, provider, direction
      ORDER BY ist_day, provider, direction`),
    run(sql`SELECT ist_weekday AS weekday, ist_hour AS hour, CAST(count(*) AS INTEGER) AS inbound,
        ${new Sql(count(missed))} AS missed_inbound
      FROM calls WHERE ${where} AND direction = 'inbound'
      GROUP BY ist_weekday, ist_hour ORDER BY ist_weekday, ist_hour`),
    run(sql`SELECT ist_day AS day, CAST(count(*) AS INTEGER) AS calls,
        ${new Sql(count(answered))} AS answered, ${new Sql(average('ring_seconds'))} AS ring
      FROM calls WHERE ${where} GROUP BY ist_day ORDER BY ist_day`),
    run(sql`SELECT coalesce(max(agent_name), agent_id) AS agent, CAST(count(*) AS INTEGER) AS calls,
        ${new Sql(count(answered))} AS answered, ${new Sql(total('talk_seconds'))} AS talk_seconds,
        ${new Sql(average(handleTime))} AS handle_seconds
      FROM calls WHERE ${where} AND agent_id IS NOT NULL
      GROUP BY agent_id ORDER BY calls DESC, agent LIMIT ${top}`),
  ]);

  const unreturned = unreturnedMissedFrom(query);
  const [[countRow], latestRows] = await Promise.all([
    run(sql`SELECT CAST(count(*) AS INTEGER) AS n ${unreturned}`),
    run(sql`SELECT missed.provider AS provider, missed.id AS id, missed.started_at AS started_at,
        missed.counterpart AS number, missed.direction AS direction, missed.recording_url AS recording_url
      ${unreturned} ORDER BY missed.started_at DESC, missed.provider, missed.id
      LIMIT ${top} OFFSET ${page * top}`),
  ]);

  const providers: ProviderTotals[] = providerRows.map((row) => ({
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
  const days: DayRow[] = dayRows.map((row) => ({
    day: String(row.day),
    provider: String(row.provider),
    direction: String(row.direction),
    answered: toNumber(row.answered),
    missed: toNumber(row.missed),
    other: toNumber(row.other),
  }));
  const heatmap: HeatmapCell[] = heatmapRows.map((row) => ({
    weekday: toNumber(row.weekday),
    hour: toNumber(row.hour),
    inbound: toNumber(row.inbound),
    missedInbound: toNumber(row.missed_inbound),
  }));
  const trend: TrendRow[] = trendRows.map((row) => ({
    day: String(row.day),
    calls: toNumber(row.calls),
    answered: toNumber(row.answered),
    averageRingSeconds: roundedOrNull(row.ring),
  }));
  const agents: AgentRow[] = agentRows.map((row) => ({
    agent: String(row.agent),
    calls: toNumber(row.calls),
    answered: toNumber(row.answered),
    talkSeconds: toNullableNumber(row.talk_seconds),
    averageHandleSeconds: roundedOrNull(row.handle_seconds),
  }));
  const latest: UnreturnedMissedCall[] = latestRows.map((row) => ({
    provider: String(row.provider),
    id: String(row.id),
    startedAt: new Date(toNumber(row.started_at)),
    number: String(row.number),
    direction: String(row.direction),
    recordingUrl: row.recording_url === null ? null : String(row.recording_url),
  }));
  return {
    query,
    providers,
    days,
    heatmap,
    trend,
    agents,
    unreturnedMissed: { count: toNumber(countRow?.n), page, latest },
    ...(query.breakdown ? { breakdown: await computeBreakdown(run, query, query.breakdown) } : {}),
  };
}

/** The figures by day, provider, account and direction: see `ReportBreakdown`. */
async function computeBreakdown(
  run: RunQuery,
  query: ReportQuery,
  options: { listRows: number },
): Promise<ReportBreakdown> {
  const where = filterCondition(query);
  const unreturned = unreturnedMissedFrom(query);
  const [groupRows, unreturnedRows, hourRows, costRows, agentRows, missedRows, callRows] =
    await Promise.all([
      run(sql`SELECT ist_day AS day, provider, account, direction, CAST(count(*) AS INTEGER) AS calls,
        ${new Sql(count(answered))} AS answered, ${new Sql(count(missed))} AS missed,
        ${new Sql(count(`NOT (${answered} OR ${missed})`))} AS other,
        ${new Sql(total('total_seconds'))} AS total_seconds,
        ${new Sql(total('talk_seconds'))} AS talk_seconds,
        ${new Sql(total('billed_seconds'))} AS billed_seconds,
        ${new Sql(total('ring_seconds'))} AS ring_seconds,
        CAST(count(ring_seconds) AS INTEGER) AS ring_calls
      FROM calls WHERE ${where} GROUP BY ist_day, provider, account, direction
      ORDER BY ist_day, provider, account, direction`),
      run(sql`SELECT missed.ist_day AS day, missed.provider AS provider, missed.account AS account,
        missed.direction AS direction, CAST(count(*) AS INTEGER) AS n
      ${unreturned} GROUP BY missed.ist_day, missed.provider, missed.account, missed.direction`),
      run(sql`SELECT ist_day AS day, ist_hour AS hour, provider, account,
        CAST(count(*) AS INTEGER) AS inbound, ${new Sql(count(missed))} AS missed_inbound
      FROM calls WHERE ${where} AND direction = 'inbound'
      GROUP BY ist_day, ist_hour, provider, account ORDER BY ist_day, ist_hour, provider, account`),
      run(sql`SELECT ist_day AS day, provider, account, direction, cost_currency AS currency,
        ${new Sql(total('cost_amount'))} AS amount
      FROM calls WHERE ${where} AND cost_amount IS NOT NULL
      GROUP BY ist_day, provider, account, direction, cost_currency
      ORDER BY ist_day, provider, account, direction, cost_currency`),
      run(sql`SELECT ist_day AS day, provider, account, direction, agent_id,
        max(agent_name) AS agent_name, CAST(count(*) AS INTEGER) AS calls,
        ${new Sql(count(answered))} AS answered, ${new Sql(total('talk_seconds'))} AS talk_seconds,
        ${new Sql(total(handleTime))} AS handle_seconds,
        CAST(count(${new Sql(handleTime)}) AS INTEGER) AS handled_calls
      FROM calls WHERE ${where} AND agent_id IS NOT NULL
      GROUP BY ist_day, provider, account, direction, agent_id
      ORDER BY ist_day, provider, account, direction, agent_id`),
      run(sql`SELECT missed.provider AS provider, missed.account AS account, missed.id AS id,
        missed.started_at AS started_at, missed.counterpart AS number,
        missed.direction AS direction, missed.recording_url AS recording_url
      ${unreturned} ORDER BY missed.started_at DESC, missed.provider, missed.id
      LIMIT ${options.listRows}`),
      run(sql`SELECT provider, account, id, started_at, direction, status, counterpart AS number,
        coalesce(agent_name, agent_id) AS agent, coalesce(talk_seconds, total_seconds) AS seconds,
        recording_url
      FROM calls WHERE ${where} ORDER BY started_at DESC, provider, id LIMIT ${options.listRows}`),
    ]);
  const groupKey = (row: Record<string, unknown>) =>
    JSON.stringify([row.day, row.provider, row.account ?? null, row.direction]);
  const unreturnedByGroup = new Map(unreturnedRows.map((row) => [groupKey(row), toNumber(row.n)]));
  const groups: BreakdownGroup[] = groupRows.map((row) => ({
    day: String(row.day),
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
  const hours: BreakdownHour[] = hourRows.map((row) => ({
    day: String(row.day),
    hour: toNumber(row.hour),
    provider: String(row.provider),
    account: toNullableString(row.account),
    inbound: toNumber(row.inbound),
    missedInbound: toNumber(row.missed_inbound),
  }));
  const costs: BreakdownCost[] = costRows.map((row) => ({
    day: String(row.day),
    provider: String(row.provider),
    account: toNullableString(row.account),
    direction: String(row.direction),
    currency: toNullableString(row.currency),
    amount: money(row.amount),
  }));
  const agents: BreakdownAgent[] = agentRows.map((row) => ({
    day: String(row.day),
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
  const missedCalls: BreakdownMissedCall[] = missedRows.map((row) => ({
    provider: String(row.provider),
    account: toNullableString(row.account),
    id: String(row.id),
    startedAt: new Date(toNumber(row.started_at)),
    number: String(row.number),
    direction: String(row.direction),
    recordingUrl: toNullableString(row.recording_url),
  }));
  const calls: BreakdownCall[] = callRows.map((row) => ({
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
