// A saved dashboard's filter, in the page: the breakdown's groups (day × provider × account
// × direction) that match are added up into the same figures the database gives for that
// filter (filter-breakdown.test.ts holds the two side by side). Like render-dashboard-body.ts
// it runs in the page from its own source, so it imports nothing at run time and every
// helper is an exported function.
import type {
  AgentRow,
  DayRow,
  HeatmapCell,
  MoneyTotal,
  ProviderTotals,
  TrendRow,
} from '../store/report-figures.ts';
import type {
  CallRow,
  Columns,
  DashboardFileData,
  DashboardFilter,
  DashboardView,
  EmbeddedFileData,
  ListPage,
  MissedCallRow,
} from './dashboard-view.ts';

/** Rows back from a table by columns. */
/** Averages to the millisecond, as the stores give them (report-queries.ts rounds the same way). */
export function roundAverage(value: number): number {
  return Number(value.toFixed(3));
}

export function rowsOf<Row>(table: Columns): Row[] {
  const rows: Row[] = [];
  const length = table.columns[0]?.length ?? 0;
  for (let index = 0; index < length; index++) {
    const row: Record<string, unknown> = {};
    table.keys.forEach((key, column) => {
      row[key] = table.columns[column]?.[index];
    });
    rows.push(row as Row);
  }
  return rows;
}

/** The file's data as the page embeds it, back to rows. */
export function decodeFileData(embedded: EmbeddedFileData): DashboardFileData {
  const tables = embedded.breakdown;
  return {
    ...embedded,
    breakdown: {
      groups: rowsOf(tables.groups),
      hours: rowsOf(tables.hours),
      costs: rowsOf(tables.costs),
      agents: rowsOf(tables.agents),
      missedCalls: rowsOf(tables.missedCalls),
      calls: rowsOf(tables.calls),
    },
  };
}

/** The date of an instant in the page's zone (India's in files of earlier releases). */
export function breakdownDay(epochMs: number, timeZone: string | undefined): string {
  if (timeZone === undefined || timeZone === 'Asia/Kolkata')
    return new Date(epochMs + 19_800_000).toISOString().slice(0, 10);
  // Canada's English writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(epochMs);
}

/** Whether a row of the breakdown is inside the filter. */
export function inFilter(
  filter: DashboardFilter,
  row: { day: string; provider: string; account: string | null; direction?: string },
): boolean {
  if (filter.provider !== null && row.provider !== filter.provider) return false;
  if (filter.account !== null && row.account !== filter.account) return false;
  if (
    filter.direction !== null &&
    row.direction !== undefined &&
    row.direction !== filter.direction
  )
    return false;
  if (filter.fromDay !== null && row.day < filter.fromDay) return false;
  if (filter.toDay !== null && row.day > filter.toDay) return false;
  return true;
}

/** Adds to a sum that stays unknown (`null`) until a known value comes. */
export function addKnown(sum: number | null, value: number | null): number | null {
  return value === null ? sum : (sum ?? 0) + value;
}

/** Orders as SQL's ORDER BY on text columns does (binary). */
export function byText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** A page of rows the file holds. */
export function pageOf<Row>(
  rows: readonly Row[],
  count: number,
  page: number,
  pageSize: number,
): ListPage<Row> {
  const last = Math.max(0, Math.ceil(count / pageSize) - 1);
  const shown = Math.min(Math.max(0, page), last);
  return {
    count,
    page: shown,
    pageSize,
    rows: rows.slice(shown * pageSize, (shown + 1) * pageSize),
    available: Math.min(rows.length, count),
  };
}

/** The view of a saved file's data under a filter, and the lists at the pages asked. */
export function viewFromBreakdown(
  data: DashboardFileData,
  filter: DashboardFilter,
  pages: { missed: number; calls: number },
): DashboardView {
  const breakdown = data.breakdown;
  const groups = breakdown.groups.filter((row) => inFilter(filter, row));

  const providers = new Map<string, ProviderTotals>();
  const days = new Map<string, DayRow>();
  const trend = new Map<string, TrendRow & { ringSeconds: number; ringCalls: number }>();
  let unreturned = 0;
  let calls = 0;
  for (const group of groups) {
    const provider = providers.get(group.provider) ?? {
      provider: group.provider,
      calls: 0,
      answered: 0,
      missed: 0,
      totalSeconds: null,
      talkSeconds: null,
      billedSeconds: null,
      costs: [],
    };
    provider.calls += group.calls;
    provider.answered += group.answered;
    provider.missed += group.missed;
    provider.totalSeconds = addKnown(provider.totalSeconds, group.totalSeconds);
    provider.talkSeconds = addKnown(provider.talkSeconds, group.talkSeconds);
    provider.billedSeconds = addKnown(provider.billedSeconds, group.billedSeconds);
    providers.set(group.provider, provider);

    const dayKey = JSON.stringify([group.day, group.provider, group.direction]);
    const day = days.get(dayKey) ?? {
      day: group.day,
      provider: group.provider,
      direction: group.direction,
      answered: 0,
      missed: 0,
      other: 0,
    };
    day.answered += group.answered;
    day.missed += group.missed;
    day.other += group.other;
    days.set(dayKey, day);

    const point = trend.get(group.day) ?? {
      day: group.day,
      calls: 0,
      answered: 0,
      averageRingSeconds: null,
      ringSeconds: 0,
      ringCalls: 0,
    };
    point.calls += group.calls;
    point.answered += group.answered;
    point.ringSeconds += group.ringSeconds;
    point.ringCalls += group.ringCalls;
    trend.set(group.day, point);

    unreturned += group.unreturnedMissed;
    calls += group.calls;
  }

  const costs = new Map<string, MoneyTotal & { provider: string }>();
  for (const cost of breakdown.costs) {
    if (!inFilter(filter, cost)) continue;
    const key = JSON.stringify([cost.provider, cost.currency]);
    const total = costs.get(key) ?? { provider: cost.provider, currency: cost.currency, amount: 0 };
    total.amount += cost.amount;
    costs.set(key, total);
  }
  for (const total of costs.values())
    providers.get(total.provider)?.costs.push({ currency: total.currency, amount: total.amount });
  // SQLite sorts an unknown currency first.
  for (const provider of providers.values())
    provider.costs.sort((left, right) =>
      left.currency === null
        ? -1
        : right.currency === null
          ? 1
          : byText(left.currency, right.currency),
    );

  const cells = new Map<string, HeatmapCell>();
  for (const hour of breakdown.hours) {
    if (!inFilter(filter, hour) || (filter.direction !== null && filter.direction !== 'inbound'))
      continue;
    const weekday = new Date(`${hour.day}T00:00:00Z`).getUTCDay();
    const key = `${weekday}:${hour.hour}`;
    const cell = cells.get(key) ?? { weekday, hour: hour.hour, inbound: 0, missedInbound: 0 };
    cell.inbound += hour.inbound;
    cell.missedInbound += hour.missedInbound;
    cells.set(key, cell);
  }

  const agents = new Map<
    string,
    {
      id: string;
      name: string | null;
      calls: number;
      answered: number;
      talkSeconds: number | null;
      handleSeconds: number;
      handledCalls: number;
    }
  >();
  for (const row of breakdown.agents) {
    if (!inFilter(filter, row)) continue;
    const agent = agents.get(row.agentId) ?? {
      id: row.agentId,
      name: null,
      calls: 0,
      answered: 0,
      talkSeconds: null,
      handleSeconds: 0,
      handledCalls: 0,
    };
    if (row.agentName !== null && (agent.name === null || row.agentName > agent.name))
      agent.name = row.agentName;
    agent.calls += row.calls;
    agent.answered += row.answered;
    agent.talkSeconds = addKnown(agent.talkSeconds, row.talkSeconds);
    agent.handleSeconds += row.handleSeconds;
    agent.handledCalls += row.handledCalls;
    agents.set(row.agentId, agent);
  }
  const agentRows: AgentRow[] = [...agents.values()]
    .map((agent) => ({
      agent: agent.name ?? agent.id,
      calls: agent.calls,
      answered: agent.answered,
      talkSeconds: agent.talkSeconds,
      averageHandleSeconds:
        agent.handledCalls === 0 ? null : roundAverage(agent.handleSeconds / agent.handledCalls),
    }))
    .sort((left, right) => right.calls - left.calls || byText(left.agent, right.agent))
    .slice(0, data.top);

  const missedRows: MissedCallRow[] = breakdown.missedCalls.filter((row) =>
    inFilter(filter, { ...row, day: breakdownDay(row.startedAt, data.view.timeZone) }),
  );
  const callRows: CallRow[] = breakdown.calls.filter((row) =>
    inFilter(filter, { ...row, day: breakdownDay(row.startedAt, data.view.timeZone) }),
  );
  const firstDays = [...days.values()].sort(
    (left, right) =>
      byText(left.day, right.day) ||
      byText(left.provider, right.provider) ||
      byText(left.direction, right.direction),
  );

  return {
    ...data.view,
    filter,
    providers: [...providers.values()].sort((left, right) => byText(left.provider, right.provider)),
    days: firstDays,
    heatmap: [...cells.values()].sort(
      (left, right) => left.weekday - right.weekday || left.hour - right.hour,
    ),
    trend: [...trend.values()]
      .sort((left, right) => byText(left.day, right.day))
      .map((point) => ({
        day: point.day,
        calls: point.calls,
        answered: point.answered,
        averageRingSeconds:
          point.ringCalls === 0 ? null : roundAverage(point.ringSeconds / point.ringCalls),
      })),
    agents: agentRows,
    missed: pageOf(missedRows, unreturned, pages.missed, data.top),
    calls: pageOf(callRows, calls, pages.calls, data.top),
  };
}
