import { formatZonedDate, INDIA_TIME_ZONE, parseZonedDateTime, toZonedParts } from '@cdr/core';

/** The two stores Ozonetel reads a CDR from. */
export type ReportType = 'currentday' | 'historical';

export const reportTypes: readonly ReportType[] = ['currentday', 'historical'];

/** Ozonetel keeps CDRs for 15 days. */
export const retentionDays = 15;

/** The hour (IST) after which yesterday's calls can be read from the historical store. */
const historicalOpensAtHour = 3;

export interface ReportTypePlan {
  /** The stores to ask, in order, until one has the call. */
  reportTypes: readonly ReportType[];
  /**
   * Set when the call may be migrating between stores (00:00–03:00 IST, a call from
   * yesterday or of unknown day): if no store has it, it will be readable at this instant.
   */
  availableAt?: Date;
}

function istDayStart(day: string): Date {
  return parseZonedDateTime(`${day} 00:00:00`, INDIA_TIME_ZONE)!;
}

/**
 * Chooses where to look for a call, from its start (when known) and the clock, both read
 * in IST — the doc's three scenarios:
 * - a call of today (IST) is in the current-day store;
 * - a call of an earlier day is in the historical store, once it opens at 03:00 IST;
 * - between 00:00 and 03:00 IST yesterday's calls are migrating and may be in neither:
 *   both are tried, and if neither has the call, it is "not available yet" until 03:00.
 * With no start time, both stores are tried (two requests), current day first.
 */
export function planReportTypes(now: Date, callStartedAt?: Date): ReportTypePlan {
  const today = formatZonedDate(now, INDIA_TIME_ZONE);
  const migrating = toZonedParts(now, INDIA_TIME_ZONE).hour < historicalOpensAtHour;
  const opensAt = new Date(istDayStart(today).getTime() + historicalOpensAtHour * 3_600_000);
  if (!callStartedAt) {
    return migrating
      ? { reportTypes: reportTypes, availableAt: opensAt }
      : { reportTypes: reportTypes };
  }
  const callDay = formatZonedDate(callStartedAt, INDIA_TIME_ZONE);
  if (callDay >= today) return { reportTypes: ['currentday'] };
  const yesterday = formatZonedDate(
    new Date(istDayStart(today).getTime() - 12 * 3_600_000),
    INDIA_TIME_ZONE,
  );
  if (migrating && callDay === yesterday) return { reportTypes: reportTypes, availableAt: opensAt };
  return { reportTypes: ['historical'] };
}

/** True when a call that started at `callStartedAt` is older than Ozonetel keeps. */
export function isBeyondRetention(now: Date, callStartedAt: Date): boolean {
  const today = istDayStart(formatZonedDate(now, INDIA_TIME_ZONE)).getTime();
  return callStartedAt.getTime() < today - retentionDays * 86_400_000;
}
