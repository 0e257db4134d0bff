import { formatZonedDateTime, INDIA_TIME_ZONE } from '@cdr/core';
import type { CallStore } from './call-store.ts';
import { formatSeconds, formatTable } from './table.ts';

export interface ProviderTotals {
  provider: string;
  calls: number;
  answered: number;
  /** Answered over all calls, 0 to 1. */
  answerRate: number;
  /** Whole call time, ringing included where the provider counts it. */
  totalSeconds: number;
  talkSeconds: number;
  billedSeconds: number;
  cost: number;
  currencies: string[];
}

export interface DayRow {
  provider: string;
  /** The day in India, `YYYY-MM-DD`. */
  day: string;
  calls: number;
  inboundAnswered: number;
  inboundMissed: number;
  outboundAnswered: number;
  outboundMissed: number;
  other: number;
}

export interface UnreturnedMissedCall {
  provider: string;
  id: string;
  startedAt: Date;
  number: string;
}

export interface AgentRow {
  agent: string;
  calls: number;
  answered: number;
  talkSeconds: number;
}

export interface Report {
  window: { from?: Date | undefined; to?: Date | undefined };
  providers: ProviderTotals[];
  days: DayRow[];
  /** Missed or busy calls with no answered call to or from the same number afterwards. */
  unreturnedMissed: { count: number; latest: UnreturnedMissedCall[] };
  busiestAgents: AgentRow[];
}

export interface ReportOptions {
  from?: Date | undefined;
  to?: Date | undefined;
  /** How many unreturned missed calls and agents to list. Default 5. */
  top?: number;
}

/** Computes the summary from the database alone: no provider is asked. */
export function buildReport(store: CallStore, options: ReportOptions = {}): Report {
  const top = options.top ?? 5;
  const where = 'started_at >= ? AND started_at <= ?';
  const window = [options.from?.getTime() ?? 0, options.to?.getTime() ?? Number.MAX_SAFE_INTEGER];
  const providers = store
    .select<{
      provider: string;
      calls: number;
      answered: number;
      total: number;
      talk: number;
      billed: number;
      cost: number;
      currencies: string | null;
    }>(
      `SELECT provider, count(*) AS calls, sum(status = 'answered') AS answered,
              total(total_seconds) AS total, total(talk_seconds) AS talk, total(billed_seconds) AS billed, total(cost_amount) AS cost,
              group_concat(DISTINCT cost_currency) AS currencies
       FROM calls WHERE ${where} GROUP BY provider ORDER BY provider`,
      ...window,
    )
    .map((row) => ({
      provider: row.provider,
      calls: row.calls,
      answered: row.answered,
      answerRate: row.calls === 0 ? 0 : row.answered / row.calls,
      totalSeconds: row.total,
      talkSeconds: row.talk,
      billedSeconds: row.billed,
      cost: row.cost,
      currencies: row.currencies ? row.currencies.split(',') : [],
    }));

  const days = store.select<DayRow>(
    `SELECT provider, ist_day AS day, count(*) AS calls,
            sum(direction = 'inbound' AND status = 'answered') AS inboundAnswered,
            sum(direction = 'inbound' AND status IN ('missed', 'busy')) AS inboundMissed,
            sum(direction = 'outbound' AND status = 'answered') AS outboundAnswered,
            sum(direction = 'outbound' AND status IN ('missed', 'busy')) AS outboundMissed,
            sum(direction = 'unknown' OR status NOT IN ('answered', 'missed', 'busy')) AS other
     FROM calls WHERE ${where} GROUP BY provider, ist_day ORDER BY ist_day, provider`,
    ...window,
  );

  const unreturned = `FROM calls AS missed
     WHERE missed.status IN ('missed', 'busy') AND missed.counterpart IS NOT NULL
       AND missed.started_at >= ? AND missed.started_at <= ?
       AND NOT EXISTS (
         SELECT 1 FROM calls AS later
         WHERE later.counterpart = missed.counterpart
           AND later.started_at > missed.started_at AND later.status = 'answered')`;
  const [{ count }] = store.select<{ count: number }>(
    `SELECT count(*) AS count ${unreturned}`,
    ...window,
  ) as [{ count: number }];
  const latest = store
    .select<{ provider: string; id: string; started_at: number; counterpart: string }>(
      `SELECT provider, id, started_at, counterpart ${unreturned}
       ORDER BY missed.started_at DESC LIMIT ?`,
      ...window,
      top,
    )
    .map((row) => ({
      provider: row.provider,
      id: row.id,
      startedAt: new Date(row.started_at),
      number: row.counterpart,
    }));

  const busiestAgents = store.select<AgentRow>(
    `SELECT coalesce(agent_name, agent_id) AS agent, count(*) AS calls,
            sum(status = 'answered') AS answered, total(talk_seconds) AS talkSeconds
     FROM calls WHERE ${where} AND coalesce(agent_name, agent_id) IS NOT NULL
     GROUP BY coalesce(agent_id, agent_name) ORDER BY calls DESC, agent LIMIT ?`,
    ...window,
    top,
  );

  return {
    window: { from: options.from, to: options.to },
    providers,
    days,
    unreturnedMissed: { count, latest },
    busiestAgents,
  };
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const indianTime = (instant: Date) => formatZonedDateTime(instant, INDIA_TIME_ZONE);

/** The report as text for a terminal. */
export function formatReport(report: Report): string {
  if (report.providers.length === 0) return 'No calls stored yet: run `sync` first.';
  const sections = [
    `Calls per day (India time)\n${formatTable(
      [
        'day',
        'provider',
        'calls',
        'in answered',
        'in missed',
        'out answered',
        'out missed',
        'other',
      ],
      report.days.map((row) => [
        row.day,
        row.provider,
        row.calls,
        row.inboundAnswered,
        row.inboundMissed,
        row.outboundAnswered,
        row.outboundMissed,
        row.other,
      ]),
    )}`,
    `Totals\n${formatTable(
      [
        'provider',
        'calls',
        'answered',
        'answer rate',
        'call time',
        'talk time',
        'billed time',
        'cost',
      ],
      report.providers.map((row) => [
        row.provider,
        row.calls,
        row.answered,
        percent(row.answerRate),
        formatSeconds(row.totalSeconds),
        formatSeconds(row.talkSeconds),
        formatSeconds(row.billedSeconds),
        `${row.cost.toFixed(2)}${row.currencies.length > 0 ? ` ${row.currencies.join('/')}` : ''}`,
      ]),
    )}`,
    `Missed calls not yet called back: ${report.unreturnedMissed.count}${
      report.unreturnedMissed.latest.length > 0
        ? `\n${formatTable(
            ['started (India)', 'provider', 'number', 'id'],
            report.unreturnedMissed.latest.map((row) => [
              indianTime(row.startedAt),
              row.provider,
              row.number,
              row.id,
            ]),
          )}`
        : ''
    }`,
    `Busiest agents\n${formatTable(
      ['agent', 'calls', 'answered', 'talk time'],
      report.busiestAgents.map((row) => [
        row.agent,
        row.calls,
        row.answered,
        formatSeconds(row.talkSeconds),
      ]),
    )}`,
  ];
  return sections.join('\n\n');
}
