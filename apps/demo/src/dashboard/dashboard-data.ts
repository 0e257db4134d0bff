// From the store's figures to the dashboard's view: the report's figures as computed once
// (for the text report too), plus a page of the latest calls, and for a saved file the
// breakdown its page filters.
import { type Call, callDirections } from '@cdr/core';
import { formatZonedDateTime } from '@cdr/core/time';
import type { ReportFigures, ReportQuery } from '../store/report-figures.ts';
import { reportZoneOf } from '../store/report-zone.ts';
import type {
  CallRow,
  Columns,
  DashboardChoices,
  DashboardFileData,
  DashboardFilter,
  DashboardMode,
  DashboardView,
  EmbeddedFileData,
  JsonBreakdown,
  ListPage,
  MissedCallRow,
} from './dashboard-view.ts';
import { zoneName } from './render-dashboard-body.ts';

/** Unreturned missed calls and latest calls a saved file holds (the newest): its lists page through these. */
export const fileListRows = 500;

export const noFilter: DashboardFilter = {
  provider: null,
  account: null,
  fromDay: null,
  toDay: null,
  direction: null,
};

/** A stored call as a row of the latest-calls list. */
export function callRowOf(call: Call, account: string | null = null): CallRow {
  const other = call.direction === 'inbound' ? call.from : (call.to ?? call.from);
  return {
    startedAt: call.startedAt.getTime(),
    provider: call.provider,
    account,
    id: call.id,
    direction: call.direction,
    status: call.status,
    number: other ? (other.phoneNumber ?? other.raw) : null,
    agent: call.agent ? (call.agent.name ?? call.agent.id ?? null) : null,
    seconds: call.durations.talkSeconds ?? call.durations.totalSeconds ?? null,
    recordingUrl: call.recording?.url ?? null,
  };
}

/** The query's scope in words, for the page's header. */
export function describeQuery(query: ReportQuery, location: string): string {
  // Core's formatting on the server; the page's renderer keeps its own copy (formatZoneTime).
  const at = (instant: Date) =>
    `${formatZonedDateTime(instant, reportZoneOf(query))} ${zoneName(query.timeZone)}`;
  const parts = [
    query.from ? `from ${at(query.from)}` : '',
    query.to ? `to ${at(query.to)}` : '',
    query.sources && query.sources.length > 0 ? `from ${query.sources.join(', ')}` : '',
    query.direction ? `${query.direction} only` : '',
  ].filter(Boolean);
  return `Calls in ${location}${parts.length > 0 ? `, ${parts.join(', ')}` : ''}.`;
}

function missedRowsOf(figures: ReportFigures): MissedCallRow[] {
  return figures.unreturnedMissed.latest.map((call) => ({
    startedAt: call.startedAt.getTime(),
    provider: call.provider,
    account: null,
    id: call.id,
    number: call.number,
    direction: call.direction,
    recordingUrl: call.recordingUrl,
  }));
}

/** The view of a report's figures, as computed: no filter applied in the page. */
export function viewOfFigures(
  figures: ReportFigures,
  options: {
    mode: DashboardMode;
    generatedAt: number;
    version: string;
    source: string;
    filter: DashboardFilter;
    choices: DashboardChoices;
    query: string;
    calls: ListPage<CallRow>;
    pageSize: number;
  },
): DashboardView {
  const count = figures.unreturnedMissed.count;
  return {
    mode: options.mode,
    generatedAt: options.generatedAt,
    version: options.version,
    source: options.source,
    filter: options.filter,
    choices: options.choices,
    query: options.query,
    providers: figures.providers,
    days: figures.days,
    heatmap: figures.heatmap,
    trend: figures.trend,
    agents: figures.agents,
    missed: {
      count,
      page: figures.unreturnedMissed.page,
      pageSize: options.pageSize,
      rows: missedRowsOf(figures),
      available: count,
    },
    calls: options.calls,
    ...(figures.query.timeZone ? { timeZone: figures.query.timeZone } : {}),
  };
}

const directionOrder = (direction: string) => {
  const index = (callDirections as readonly string[]).indexOf(direction);
  return index === -1 ? callDirections.length : index;
};

/** What a saved file's filter form offers: what its breakdown holds. */
export function choicesOfBreakdown(figures: ReportFigures): DashboardChoices {
  const groups = figures.breakdown?.groups ?? [];
  const unique = (values: readonly (string | null)[]) =>
    [...new Set(values.filter((value): value is string => value !== null))].sort();
  const days = unique(groups.map((group) => group.day));
  return {
    providers: unique(groups.map((group) => group.provider)),
    accounts: unique(groups.map((group) => group.account)),
    directions: unique(groups.map((group) => group.direction)).sort(
      (left, right) => directionOrder(left) - directionOrder(right),
    ),
    firstDay: days[0] ?? null,
    lastDay: days.at(-1) ?? null,
  };
}

/** A saved file's view and data, from figures computed with a breakdown (`query.breakdown`). */
export function dashboardFile(
  figures: ReportFigures,
  options: { generatedAt: Date; location: string },
): { view: DashboardView; data: DashboardFileData } {
  const breakdown = figures.breakdown;
  if (!breakdown) throw new Error('a saved dashboard needs figures computed with a breakdown');
  const query = figures.query;
  const top = query.top ?? 5;
  const calls = breakdown.calls.map((call) => ({ ...call, startedAt: call.startedAt.getTime() }));
  const count = figures.providers.reduce((sum, row) => sum + row.calls, 0);
  const missedCalls = breakdown.missedCalls.map((call) => ({
    ...call,
    startedAt: call.startedAt.getTime(),
  }));
  const view = viewOfFigures(figures, {
    mode: 'file',
    generatedAt: options.generatedAt.getTime(),
    version: '',
    source: describeQuery(query, options.location),
    filter: noFilter,
    choices: choicesOfBreakdown(figures),
    query: '',
    calls: {
      count,
      page: 0,
      pageSize: top,
      rows: calls.slice(0, top),
      available: Math.min(calls.length, count),
    },
    pageSize: top,
  });
  // The file's lists page through the rows it holds: the same first page, with accounts.
  view.missed = {
    ...view.missed,
    rows: missedCalls.slice(0, top),
    available: Math.min(missedCalls.length, view.missed.count),
  };
  return {
    view,
    data: { view, breakdown: { ...breakdown, missedCalls, calls }, top },
  };
}

/** A table by columns: each key once, its values in one array. */
export function columnsOf(rows: readonly object[]): Columns {
  const keys = rows[0] ? Object.keys(rows[0]) : [];
  return {
    keys,
    columns: keys.map((key) => rows.map((row) => (row as Record<string, unknown>)[key])),
  };
}

/** The file's data as its page embeds it (`decodeFileData` reads it back). */
export function encodeFileData(data: DashboardFileData): EmbeddedFileData {
  const tables = Object.fromEntries(
    Object.entries(data.breakdown).map(([name, rows]) => [name, columnsOf(rows as object[])]),
  ) as Record<keyof JsonBreakdown, Columns>;
  return { ...data, breakdown: tables };
}
