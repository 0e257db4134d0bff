import { beforeAll, expect, test } from 'vitest';
import type { CallStore } from '../store/call-store.ts';
import { openCallStore } from '../store/open-call-store.ts';
import { cli, temporaryDatabase, testNow } from '../testing/test-support.ts';
import { dashboardFile, fileListRows, noFilter } from './dashboard-data.ts';
import { reportQueryOf } from './dashboard-request.ts';
import type { DashboardFileData, DashboardFilter, DashboardView } from './dashboard-view.ts';
import { viewFromBreakdown } from './filter-breakdown.ts';
import { daySpan } from './render-dashboard-body.ts';

let database: string;
let data: DashboardFileData;

beforeAll(async () => {
  database = temporaryDatabase();
  const demo = await cli(
    ['--db', database, '--quiet', 'demo'],
    {},
    { simulation: { calls: 250, days: 5, latencyMs: 0 } },
  );
  expect(demo.exitCode, demo.stderr).toBe(0);
  const store = await openCallStore(database);
  const figures = await store.reportFigures({ top: 5, breakdown: { listRows: fileListRows } });
  data = dashboardFile(figures, { generatedAt: testNow, location: database }).data;
  await store.close();
}, 60_000);

/** The figures of a view: what the page shows, lists at their first page. */
const shown = (view: DashboardView) => ({
  providers: view.providers,
  days: view.days,
  heatmap: view.heatmap,
  trend: view.trend,
  agents: view.agents,
  missed: { count: view.missed.count, ids: view.missed.rows.map((row) => row.id) },
  calls: view.calls.count,
});

async function databaseView(store: CallStore, filter: DashboardFilter) {
  const figures = await store.reportFigures({ ...reportQueryOf(filter), top: 5 });
  return {
    providers: figures.providers,
    days: figures.days,
    heatmap: figures.heatmap,
    trend: figures.trend,
    agents: figures.agents,
    missed: {
      count: figures.unreturnedMissed.count,
      ids: figures.unreturnedMissed.latest.map((row) => row.id),
    },
    calls: await store.countCalls({ ...reportQueryOf(filter), withoutLegs: true }),
  };
}

test('with no filter, the breakdown adds up to the figures the command computed', () => {
  // Costs are sums of rounded amounts added in another order: equal to the micro-unit's
  // rounding (75.833093 against 75.833092), shown to the cent.
  const cents = (figures: ReturnType<typeof shown>) => ({
    ...figures,
    providers: figures.providers.map((row) => ({
      ...row,
      costs: row.costs.map((cost) => ({ ...cost, amount: Math.round(cost.amount * 100) })),
    })),
  });
  expect(cents(shown(viewFromBreakdown(data, noFilter, { missed: 0, calls: 0 })))).toEqual(
    cents(shown(data.view)),
  );
});

test('under any filter, the breakdown adds up to what the database gives for it', async () => {
  const days = daySpan(data.view.choices.firstDay!, data.view.choices.lastDay!);
  const filters: DashboardFilter[] = [
    { ...noFilter, provider: 'ozonetel' },
    { ...noFilter, provider: 'telecmi', direction: 'outbound' },
    { ...noFilter, account: 'telecmi:rest-user' },
    { ...noFilter, direction: 'inbound', fromDay: days[1]!, toDay: days[3]! },
    { ...noFilter, fromDay: days.at(-1)!, toDay: days.at(-1)! },
    { ...noFilter, provider: 'nobody' },
  ];
  const store = await openCallStore(database);
  try {
    for (const filter of filters) {
      const expected = await databaseView(store, filter);
      const view = viewFromBreakdown(data, filter, { missed: 0, calls: 0 });
      // Costs are sums of floating-point amounts added in another order: equal to the cent.
      const withoutCosts = (figures: ReturnType<typeof shown>) => ({
        ...figures,
        providers: figures.providers.map((row) => ({
          ...row,
          costs: row.costs.map((cost) => ({ ...cost, amount: Math.round(cost.amount * 100) })),
        })),
      });
      // The file holds the newest missed calls only (fileListRows): of the database's first
      // page, the view shows those the file holds, and says the rest is not in it.
      const inFile = new Set(data.breakdown.missedCalls.map((row) => row.id));
      const held = {
        ...expected,
        missed: { ...expected.missed, ids: expected.missed.ids.filter((id) => inFile.has(id)) },
      };
      expect(withoutCosts(shown(view)), JSON.stringify(filter)).toEqual(withoutCosts(held));
    }
  } finally {
    await store.close();
  }
});

test('the lists page through the rows the file holds, and say when the rest is not in it', () => {
  const second = viewFromBreakdown(data, noFilter, { missed: 1, calls: 1 });
  expect(second.missed.page).toBe(1);
  expect(second.missed.rows).toEqual(data.breakdown.missedCalls.slice(5, 10));
  expect(second.calls.rows).toEqual(data.breakdown.calls.slice(5, 10));
  expect(second.calls.available).toBe(Math.min(fileListRows, second.calls.count));
  // A page past the end shows the last one.
  const last = viewFromBreakdown(data, noFilter, { missed: 10_000, calls: 0 });
  expect(last.missed.page).toBe(Math.ceil(last.missed.count / 5) - 1);
});
