import type { CallFilter } from './call-filter.ts';

/** What a report (text or dashboard) covers: calls by start, provider, account and direction. */
export type ReportQuery = Pick<
  CallFilter,
  'from' | 'to' | 'providers' | 'accounts' | 'sources' | 'direction'
> & {
  /** Rows in the agent list and in one page of unreturned missed calls. Default 5. */
  top?: number | undefined;
  /** The page of unreturned missed calls, from 0. */
  missedPage?: number | undefined;
  /**
   * Also split the figures by day, provider, account and direction (`breakdown`), with the
   * newest `listRows` unreturned missed calls and calls: what a saved dashboard needs to
   * filter without the database. Off by default: the text report does not need it.
   */
  breakdown?: { listRows: number } | undefined;
  /**
   * The IANA zone whose days and hours the figures are by (`America/New_York`). Default
   * India's (`Asia/Kolkata`), the report's zone before it took one.
   */
  timeZone?: string | undefined;
  /**
   * Count child legs (a Twilio `<Dial>` leg: a call with a parent) as calls of their own.
   * Off by default: the figures count calls, a leg folded into its parent, so only the
   * parent counts; costs always add every leg's (each leg is billed).
   */
  legs?: boolean | undefined;
};

/** An amount in one currency; `currency` is `null` when the provider did not say which. */
export interface MoneyTotal {
  currency: string | null;
  amount: number;
}

/**
 * A provider's totals. A sum over calls none of which has the value is `null` (unknown),
 * never 0: TeleCMI gives no talk time, Ozonetel no cost.
 */
export interface ProviderTotals {
  provider: string;
  calls: number;
  answered: number;
  /** Missed or busy. */
  missed: number;
  totalSeconds: number | null;
  talkSeconds: number | null;
  billedSeconds: number | null;
  costs: MoneyTotal[];
}

/** Calls of one day (in the query's zone), provider and direction, by outcome. */
export interface DayRow {
  /** `YYYY-MM-DD` in the query's zone. */
  day: string;
  provider: string;
  direction: string;
  answered: number;
  /** Missed or busy. */
  missed: number;
  other: number;
}

/** Inbound calls, and missed inbound calls, in one hour of one weekday (the query's zone). */
export interface HeatmapCell {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** 0–23. */
  hour: number;
  inbound: number;
  missedInbound: number;
}

/** The answer rate and ring time of one day. */
export interface TrendRow {
  day: string;
  calls: number;
  answered: number;
  /** Average time to answer over the calls that say, or `null` when none does. */
  averageRingSeconds: number | null;
}

export interface AgentRow {
  /** The agent's name, or id when it has none. */
  agent: string;
  calls: number;
  answered: number;
  talkSeconds: number | null;
  /** Average call time (talk plus ring where given) of the answered calls, or `null`. */
  averageHandleSeconds: number | null;
}

export interface UnreturnedMissedCall {
  provider: string;
  id: string;
  startedAt: Date;
  number: string;
  direction: string;
  recordingUrl: string | null;
}

/** The calls of one day (the query's zone), provider, account and direction. */
export interface BreakdownGroup {
  day: string;
  provider: string;
  /** `null` for calls stored by no account (pushes of the first releases). */
  account: string | null;
  direction: string;
  calls: number;
  answered: number;
  /** Missed or busy. */
  missed: number;
  other: number;
  /** Sums over the calls that give the value, `null` when none does (as in `ProviderTotals`). */
  totalSeconds: number | null;
  talkSeconds: number | null;
  billedSeconds: number | null;
  /** Sum and count of the ring times given: an average over any set of groups is their quotient. */
  ringSeconds: number;
  ringCalls: number;
  /** Missed or busy calls not yet called back (see `unreturnedMissed`). */
  unreturnedMissed: number;
}

/** Inbound calls, and missed inbound calls, of one hour of one day, provider and account. */
export interface BreakdownHour {
  day: string;
  hour: number;
  provider: string;
  account: string | null;
  inbound: number;
  missedInbound: number;
}

/** Costs in one currency of one day, provider, account and direction. */
export interface BreakdownCost {
  day: string;
  provider: string;
  account: string | null;
  direction: string;
  currency: string | null;
  amount: number;
}

/** One agent's calls of one day, provider, account and direction. */
export interface BreakdownAgent {
  day: string;
  provider: string;
  account: string | null;
  direction: string;
  agentId: string;
  /** The agent's name in these calls (the greatest, as `max` gives it), or `null`. */
  agentName: string | null;
  calls: number;
  answered: number;
  talkSeconds: number | null;
  /** Sum and count of the answered calls' handle times (talk, else call time, plus ring). */
  handleSeconds: number;
  handledCalls: number;
}

export interface BreakdownMissedCall extends UnreturnedMissedCall {
  account: string | null;
}

/** A call of the latest-calls list. */
export interface BreakdownCall {
  provider: string;
  account: string | null;
  id: string;
  startedAt: Date;
  direction: string;
  status: string;
  /** The other party's number. */
  number: string | null;
  /** The agent's name, else id. */
  agent: string | null;
  /** Talk time, else the call's whole time. */
  seconds: number | null;
  recordingUrl: string | null;
}

/**
 * The figures split finely enough that any provider, account, direction and range of days
 * adds up to the same figures the database gives for that filter.
 */
export interface ReportBreakdown {
  groups: BreakdownGroup[];
  hours: BreakdownHour[];
  costs: BreakdownCost[];
  agents: BreakdownAgent[];
  /** The newest unreturned missed calls, at most `listRows` of them. */
  missedCalls: BreakdownMissedCall[];
  /** The newest calls, at most `listRows` of them. */
  calls: BreakdownCall[];
}

/**
 * The report's figures, computed once (in SQL, from any store) and rendered as text or as
 * the dashboard: the same numbers in both.
 */
export interface ReportFigures {
  query: ReportQuery;
  providers: ProviderTotals[];
  days: DayRow[];
  heatmap: HeatmapCell[];
  trend: TrendRow[];
  agents: AgentRow[];
  /** Missed or busy calls with no answered call to or from the same number afterwards. */
  unreturnedMissed: { count: number; page: number; latest: UnreturnedMissedCall[] };
  /** Only when the query asks for it. */
  breakdown?: ReportBreakdown | undefined;
}
