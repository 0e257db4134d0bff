// A served dashboard's URL query: the filter and the list pages, checked before any of it
// reaches the store. The same names the filter form submits.
import { callDirections } from '@cdr/core';
import { parseZonedDateTime } from '@cdr/core/time';
import type { ReportQuery } from '../store/report-figures.ts';
import type { DashboardFilter } from './dashboard-view.ts';

export interface DashboardRequest {
  filter: DashboardFilter;
  pages: { missed: number; calls: number };
}

/** A query parameter the dashboard cannot use: answered 400 with this one line. */
export class DashboardRequestError extends Error {
  override readonly name = 'DashboardRequestError';
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

function day(parameters: URLSearchParams, name: string): string | null {
  const value = parameters.get(name)?.trim() ?? '';
  if (value === '') return null;
  if (
    !dayPattern.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  )
    throw new DashboardRequestError(
      `${name}: use a date such as 2026-11-20, not ${JSON.stringify(value.slice(0, 40))}`,
    );
  return value;
}

function name(parameters: URLSearchParams, key: string): string | null {
  const value = parameters.get(key)?.trim() ?? '';
  if (value === '') return null;
  if (value.length > 200) throw new DashboardRequestError(`${key}: too long`);
  return value;
}

function page(parameters: URLSearchParams, key: string): number {
  const value = parameters.get(key)?.trim() ?? '';
  if (value === '') return 0;
  if (!/^\d{1,7}$/.test(value)) throw new DashboardRequestError(`${key}: use a page number from 0`);
  return Number(value);
}

/** The request a URL's query makes, or a `DashboardRequestError` naming the parameter. */
export function parseDashboardRequest(search: string): DashboardRequest {
  const parameters = new URLSearchParams(search);
  const direction = name(parameters, 'direction');
  if (direction !== null && !(callDirections as readonly string[]).includes(direction))
    throw new DashboardRequestError(`direction: use one of ${callDirections.join(', ')}`);
  const filter: DashboardFilter = {
    provider: name(parameters, 'provider'),
    account: name(parameters, 'account'),
    fromDay: day(parameters, 'from'),
    toDay: day(parameters, 'to'),
    direction,
  };
  if (filter.fromDay !== null && filter.toDay !== null && filter.fromDay > filter.toDay)
    throw new DashboardRequestError(`from (${filter.fromDay}) is after to (${filter.toDay})`);
  return {
    filter,
    pages: { missed: page(parameters, 'missedPage'), calls: page(parameters, 'callsPage') },
  };
}

/** The filter as the query string of the page's links (pages left out). */
export function filterQueryString(filter: DashboardFilter): string {
  const parameters = new URLSearchParams();
  if (filter.provider !== null) parameters.set('provider', filter.provider);
  if (filter.account !== null) parameters.set('account', filter.account);
  if (filter.fromDay !== null) parameters.set('from', filter.fromDay);
  if (filter.toDay !== null) parameters.set('to', filter.toDay);
  if (filter.direction !== null) parameters.set('direction', filter.direction);
  return parameters.toString();
}

/**
 * The store query of a filter: days are dates in `timeZone` (the page's: India's unless
 * `--tz` chose another), whole, both ends included.
 */
export function reportQueryOf(filter: DashboardFilter, timeZone = 'Asia/Kolkata'): ReportQuery {
  const dayStart = (day: string) => parseZonedDateTime(`${day} 00:00:00`, timeZone)!.getTime();
  const nextDay = (day: string) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    timeZone,
    ...(filter.provider !== null ? { providers: [filter.provider] } : {}),
    ...(filter.account !== null ? { accounts: [filter.account] } : {}),
    from: filter.fromDay === null ? undefined : new Date(dayStart(filter.fromDay)),
    // Up to the next day's start: a day of a change of offset is 23 or 25 hours long.
    to: filter.toDay === null ? undefined : new Date(dayStart(nextDay(filter.toDay)) - 1),
    direction: (filter.direction ?? undefined) as ReportQuery['direction'],
  };
}
