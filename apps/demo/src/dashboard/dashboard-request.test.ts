import { expect, test } from 'vitest';
import {
  DashboardRequestError,
  filterQueryString,
  parseDashboardRequest,
  reportQueryOf,
} from './dashboard-request.ts';

test('the filter form’s parameters become the store’s query: whole India days, both ends included', () => {
  const request = parseDashboardRequest(
    '?provider=telecmi&account=&from=2026-11-20&to=2026-11-21&direction=inbound&missedPage=2',
  );
  expect(request).toEqual({
    filter: {
      provider: 'telecmi',
      account: null,
      fromDay: '2026-11-20',
      toDay: '2026-11-21',
      direction: 'inbound',
    },
    pages: { missed: 2, calls: 0 },
  });
  expect(reportQueryOf(request.filter)).toEqual({
    timeZone: 'Asia/Kolkata',
    providers: ['telecmi'],
    from: new Date('2026-11-19T18:30:00.000Z'),
    to: new Date('2026-11-21T18:29:59.999Z'),
    direction: 'inbound',
  });
  // Another zone's days: New York's, one of 25 hours as it leaves daylight saving.
  const fall = { ...request.filter, fromDay: '2026-11-01', toDay: '2026-11-01' };
  expect(reportQueryOf(fall, 'America/New_York')).toMatchObject({
    timeZone: 'America/New_York',
    from: new Date('2026-11-01T04:00:00.000Z'),
    to: new Date('2026-11-02T04:59:59.999Z'),
  });
  expect(filterQueryString(request.filter)).toBe(
    'provider=telecmi&from=2026-11-20&to=2026-11-21&direction=inbound',
  );
});

test('a parameter it cannot use is refused, naming it', () => {
  for (const [search, message] of [
    ['from=20-11-2026', 'from: use a date such as 2026-11-20'],
    ['to=2026-02-30', 'to: use a date such as 2026-11-20'],
    ['direction=up', 'direction: use one of inbound, outbound, unknown'],
    ['callsPage=-1', 'callsPage: use a page number from 0'],
    ['from=2026-11-22&to=2026-11-21', 'from (2026-11-22) is after to (2026-11-21)'],
  ] as const) {
    expect(() => parseDashboardRequest(search), search).toThrow(DashboardRequestError);
    expect(() => parseDashboardRequest(search), search).toThrow(message);
  }
});
