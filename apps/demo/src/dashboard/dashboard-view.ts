// What the dashboard page shows, as plain JSON: numbers, strings and nulls only (instants in
// epoch milliseconds), so that the same view renders on the server and, in a saved file, in
// the browser after a filter changes.
import type {
  AgentRow,
  DayRow,
  HeatmapCell,
  ProviderTotals,
  ReportBreakdown,
  TrendRow,
} from '../store/report-figures.ts';

/** A saved file filters in the page; `serve` re-queries the database. */
export type DashboardMode = 'file' | 'serve';

/** The page's filter form. Days are India dates (`YYYY-MM-DD`), both ends included; `null` is "all". */
export interface DashboardFilter {
  provider: string | null;
  account: string | null;
  fromDay: string | null;
  toDay: string | null;
  direction: string | null;
}

/** What the filter form offers. */
export interface DashboardChoices {
  providers: string[];
  accounts: string[];
  directions: string[];
  /** The first and last day with calls, bounds for the date inputs. */
  firstDay: string | null;
  lastDay: string | null;
}

/** A row of the missed-not-called-back list. */
export interface MissedCallRow {
  startedAt: number;
  provider: string;
  account: string | null;
  id: string;
  number: string;
  direction: string;
  recordingUrl: string | null;
}

/** A row of the latest-calls list. */
export interface CallRow {
  startedAt: number;
  provider: string;
  account: string | null;
  id: string;
  direction: string;
  status: string;
  /** The other party's number. */
  number: string | null;
  agent: string | null;
  /** Talk time, else the call's whole time, when the provider gives either. */
  seconds: number | null;
  recordingUrl: string | null;
}

/** One page of a list, newest first. */
export interface ListPage<Row> {
  /** Rows matching the filter, in all. */
  count: number;
  /** From 0. */
  page: number;
  pageSize: number;
  rows: Row[];
  /**
   * Rows the page could show in all: `count` when served, at most the rows a saved file
   * holds otherwise (the page says where the others are).
   */
  available: number;
}

export interface DashboardView {
  mode: DashboardMode;
  /** When the figures were read: "time since the miss" counts to it. */
  generatedAt: number;
  /** What the served figures were read at (`serve` refreshes when it changes); empty in a file. */
  version: string;
  /** Where the figures come from and what the command asked, for the header. */
  source: string;
  filter: DashboardFilter;
  choices: DashboardChoices;
  /** `serve`: the filter as a query string (`provider=telecmi&…`), for the page links. */
  query: string;
  providers: ProviderTotals[];
  days: DayRow[];
  heatmap: HeatmapCell[];
  trend: TrendRow[];
  agents: AgentRow[];
  missed: ListPage<MissedCallRow>;
  calls: ListPage<CallRow>;
  /** The zone of its days and times (an IANA name); absent in files of earlier releases: India's. */
  timeZone?: string | undefined;
}

/** What a saved file carries for its page to filter without the database. */
export interface DashboardFileData {
  /** The view as the command computed it (no filter in the page). */
  view: DashboardView;
  /** The figures split by day, provider, account and direction, with the newest calls. */
  breakdown: JsonBreakdown;
  /** Rows in the agent list and in a page of the lists. */
  top: number;
}

/** A table as the page carries it: each key's values in one array, keys said once. */
export interface Columns {
  keys: string[];
  columns: unknown[][];
}

/** `DashboardFileData` as embedded in the page: the breakdown's tables by columns (a fraction of the bytes). */
export type EmbeddedFileData = Omit<DashboardFileData, 'breakdown'> & {
  breakdown: Record<keyof JsonBreakdown, Columns>;
};

/** `ReportBreakdown` with its instants as epoch milliseconds. */
export type JsonBreakdown = Omit<ReportBreakdown, 'missedCalls' | 'calls'> & {
  missedCalls: MissedCallRow[];
  calls: CallRow[];
};
