/// <reference lib="dom" />
// The dashboard in a real browser (Debian's headless Chromium), against a database filled
// by a real sync from the simulators: the saved file as `cdr report --html` writes it (run
// as users run it, a Node process of its own) and the page `cdr serve` serves.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { counterpartOf } from '../store/call-row.ts';
import { openCallStore } from '../store/open-call-store.ts';
import type { ReportFigures, ReportQuery } from '../store/report-figures.ts';
import {
  type HeadlessChromium,
  launchChromium,
  saveScreenshot,
} from '../testing/headless-chromium.ts';
import {
  cli,
  makeCall,
  startCli,
  storedCalls,
  temporaryDatabase,
  testNow,
} from '../testing/test-support.ts';
import { daySpan, formatCount } from './render-dashboard-body.ts';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));

let chromium: HeadlessChromium;
let database: string;
let dashboard: string;
let textReport: string;

async function figures(query: ReportQuery): Promise<ReportFigures> {
  const store = await openCallStore(database, { mustExist: true });
  try {
    return await store.reportFigures(query);
  } finally {
    await store.close();
  }
}

/** The text report's Totals table: its rows, cell by cell. */
function textTotals(report: string): string[][] {
  const section = report.split('\n\n').find((part) => part.startsWith('Totals\n')) ?? '';
  return section
    .split('\n')
    .slice(3)
    .map((row) => row.trim().split(/ {2,}/));
}

async function pageTotals(page: Page): Promise<string[][]> {
  return page.$$eval('#totals tbody tr', (rows) =>
    rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')),
  );
}

/** The calls each chart draws, as the page holds them. */
async function drawn(page: Page) {
  return page.evaluate(() => {
    const values = (selector: string) =>
      [...document.querySelectorAll(selector)].map((element) => ({
        day:
          element.closest('[data-day]')?.getAttribute('data-day') ??
          element.getAttribute('data-day'),
        weekday: element.getAttribute('data-weekday'),
        hour: element.getAttribute('data-hour'),
        outcome: element.getAttribute('data-outcome'),
        value: Number(element.getAttribute('data-value')),
      }));
    return {
      inboundBars: document.querySelectorAll('[data-chart="days-inbound"] g.bar').length,
      outboundBars: document.querySelectorAll('[data-chart="days-outbound"] g.bar').length,
      inboundSegments: values('[data-chart="days-inbound"] rect[data-outcome]'),
      outboundSegments: values('[data-chart="days-outbound"] rect[data-outcome]'),
      inboundCells: values('[data-chart="heatmap-inbound"] rect.cell'),
      missedCells: values('[data-chart="heatmap-missed"] rect.cell'),
      ratePoints: values('[data-chart="answer-rate"] circle.point'),
      ringPoints: values('[data-chart="ring-time"] circle.point'),
      calls: document.querySelector('[data-total="calls"] .value')?.textContent,
      missedCount: document.querySelector('[data-total="missed-list"]')?.textContent,
      missedIds: [...document.querySelectorAll('#missed-calls tbody tr')].map((row) =>
        row.getAttribute('data-id'),
      ),
      telLinks: [...document.querySelectorAll('#missed-calls a[href^="tel:"]')].map((link) => [
        link.getAttribute('href'),
        link.textContent,
      ]),
    };
  });
}

/** Every chart drawn with one bar per day, 168 cells per heat map, and the figures' values. */
function expectChartsOf(charts: Awaited<ReturnType<typeof drawn>>, expected: ReportFigures) {
  const days = [
    ...expected.days.map((row) => row.day),
    ...expected.trend.map((row) => row.day),
  ].sort();
  const span = daySpan(days[0]!, days.at(-1)!);
  for (const direction of ['inbound', 'outbound'] as const) {
    const rows = expected.days.filter((row) => row.direction === direction);
    const segments = direction === 'inbound' ? charts.inboundSegments : charts.outboundSegments;
    expect(direction === 'inbound' ? charts.inboundBars : charts.outboundBars, direction).toBe(
      rows.length > 0 ? span.length : 0,
    );
    for (const outcome of ['answered', 'missed', 'other'] as const) {
      const byDay = new Map<string, number>();
      for (const row of rows) byDay.set(row.day, (byDay.get(row.day) ?? 0) + row[outcome]);
      const expectedSegments = [...byDay].filter(([, value]) => value > 0).sort();
      const drawnSegments = segments
        .filter((segment) => segment.outcome === outcome)
        .map((segment) => [segment.day, segment.value])
        .sort();
      expect(drawnSegments, `${direction} ${outcome}`).toEqual(expectedSegments);
    }
  }
  for (const [cells, measure] of [
    [charts.inboundCells, 'inbound'],
    [charts.missedCells, 'missedInbound'],
  ] as const) {
    expect(cells).toHaveLength(168);
    const nonZero = cells
      .filter((cell) => cell.value > 0)
      .map((cell) => [Number(cell.weekday), Number(cell.hour), cell.value])
      .sort((left, right) => left[0]! - right[0]! || left[1]! - right[1]!);
    expect(nonZero).toEqual(
      expected.heatmap
        .filter((cell) => cell[measure] > 0)
        .map((cell) => [cell.weekday, cell.hour, cell[measure]]),
    );
  }
  expect(charts.ratePoints.map((point) => point.day)).toEqual(expected.trend.map((row) => row.day));
  expect(charts.ringPoints.map((point) => [point.day, point.value])).toEqual(
    expected.trend
      .filter((row) => row.averageRingSeconds !== null)
      .map((row) => [row.day, row.averageRingSeconds]),
  );
  expect(charts.calls).toBe(
    formatCount(expected.providers.reduce((sum, row) => sum + row.calls, 0)),
  );
  expect(charts.missedCount).toBe(formatCount(expected.unreturnedMissed.count));
}

beforeAll(async () => {
  chromium = await launchChromium();
  // The demo: a real sync of every simulated account, Ozonetel's pushes and lookups.
  database = temporaryDatabase();
  const demo = await cli(
    ['--db', database, 'demo'],
    {},
    { simulation: { calls: 300, days: 6, latencyMs: 0 } },
  );
  expect(demo.exitCode, demo.stderr).toBe(0);
  // The saved file as users write it: the CLI in a Node process of its own, in India's zone
  // (the figures it is compared with), whatever the machine's.
  dashboard = join(dirname(database), 'dashboard.html');
  const written = await promisify(execFile)(
    process.execPath,
    [main, '--db', database, 'report', '--html', dashboard],
    { env: { ...process.env, CDR_TZ: 'Asia/Kolkata' } },
  );
  expect(written.stderr).toBe(`Dashboard written to ${dashboard}\n`);
  textReport = written.stdout;
}, 120_000);

afterAll(async () => {
  await chromium?.close();
});

test('the saved file: no console errors, each chart drawn from the figures, totals as in the text report', async () => {
  const { page, errors } = await chromium.open({ width: 1280, height: 900 });
  await page.goto(pathToFileURL(dashboard).href);
  expectChartsOf(await drawn(page), await figures({}));
  // The same figures as the text report printed beside it, to the character.
  expect(await pageTotals(page)).toEqual(textTotals(textReport));
  expect(await page.textContent('.zone')).toContain('India Standard Time (IST, UTC+05:30)');
  // Each chart has a text equivalent: a description and a table.
  const charts = await page.$$eval('figure.chart', (figures) =>
    figures.map((figure) => ({
      described: Boolean(figure.querySelector('svg[role="img"] desc')?.textContent),
      table: Boolean(figure.querySelector('details.as-table table')),
    })),
  );
  expect(charts.length).toBe(6);
  expect(charts.every((chart) => chart.described && chart.table)).toBe(true);
  await saveScreenshot(page, 'dashboard-desktop');

  await page.setViewportSize({ width: 390, height: 844 });
  // Phone width: nothing wider than the screen but what scrolls in its own box.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await saveScreenshot(page, 'dashboard-phone');
  expect(errors).toEqual([]);
  await page.close();
});

test('the saved file’s filters change the figures to the database’s for the same filter', async () => {
  const { page, errors } = await chromium.open();
  await page.goto(pathToFileURL(dashboard).href);
  const all = await figures({});
  await page.selectOption('#filter-provider', 'ozonetel');
  const ozonetel = await figures({ providers: ['ozonetel'] });
  expect(ozonetel.providers.map((row) => row.provider)).toEqual(['ozonetel']);
  expectChartsOf(await drawn(page), ozonetel);
  expect(await page.textContent('#filter-status')).toBe(
    `${formatCount(ozonetel.providers[0]!.calls)} calls match.`,
  );

  await page.selectOption('#filter-provider', '');
  await page.selectOption('#filter-account', 'telecmi:rest-user');
  await page.selectOption('#filter-direction', 'inbound');
  const firstDay = all.days[0]!.day;
  const days = daySpan(firstDay, all.days.at(-1)!.day);
  await page.fill('#filter-from', days[1]!);
  await page.fill('#filter-to', days.at(-2)!);
  await page.dispatchEvent('#filter-to', 'change');
  const narrowed = await figures({
    accounts: ['telecmi:rest-user'],
    direction: 'inbound',
    from: new Date(`${days[1]}T00:00:00+05:30`),
    to: new Date(Date.parse(`${days.at(-2)}T00:00:00+05:30`) + 86_400_000 - 1),
  });
  const narrowedCalls = narrowed.providers.reduce((sum, row) => sum + row.calls, 0);
  expect(narrowedCalls).toBeGreaterThan(0);
  expect(narrowedCalls).toBeLessThan(all.providers.reduce((sum, row) => sum + row.calls, 0));
  expectChartsOf(await drawn(page), narrowed);
  expect(await pageTotals(page)).toEqual(
    narrowed.providers.map((row) => [
      row.provider,
      formatCount(row.calls),
      formatCount(row.answered),
      `${((row.answered / row.calls) * 100).toFixed(1)}%`,
      expect.any(String),
      expect.any(String),
      expect.any(String),
      expect.any(String),
    ]),
  );
  await page.click('#filters button[type="reset"]');
  await expect
    .poll(async () => (await drawn(page)).calls)
    .toBe(formatCount(all.providers.reduce((sum, row) => sum + row.calls, 0)));
  expect(errors).toEqual([]);
  await page.close();
});

test('the missed calls not called back: those of the database, newest first, paged, with tel: links', async () => {
  // Worked out here from the stored calls, not by the store's SQL: calls, not legs (a Twilio
  // <Dial> leg is its parent's), missed or busy, and no answered call with the same number later.
  const calls = await storedCalls(database);
  const numberOf = (call: (typeof calls)[number]) => {
    const party = counterpartOf(call);
    return party ? (party.phoneNumber ?? party.raw) : undefined;
  };
  const unreturned = calls
    .filter(
      (call) =>
        (call.status === 'missed' || call.status === 'busy') &&
        call.providerFields?.parentCallSid === undefined &&
        numberOf(call) !== undefined &&
        !calls.some(
          (later) =>
            later.status === 'answered' &&
            numberOf(later) === numberOf(call) &&
            later.startedAt > call.startedAt,
        ),
    )
    .sort(
      (left, right) =>
        right.startedAt.getTime() - left.startedAt.getTime() ||
        (left.provider + left.id < right.provider + right.id ? -1 : 1),
    );
  expect(unreturned.length).toBeGreaterThan(10);

  const { page, errors } = await chromium.open();
  await page.goto(pathToFileURL(dashboard).href);
  let list = await drawn(page);
  expect(list.missedCount).toBe(formatCount(unreturned.length));
  expect(list.missedIds).toEqual(unreturned.slice(0, 5).map((call) => call.id));
  // Only numbers get a tel: link: a SIP or client: party (Twilio's agents) is shown as text.
  expect(list.telLinks).toEqual(
    unreturned
      .slice(0, 5)
      .filter((call) => /^\+?\d{3,15}$/.test(numberOf(call)!))
      .map((call) => [`tel:${numberOf(call)}`, numberOf(call)]),
  );
  await page.click('#missed button[data-page="1"]');
  list = await drawn(page);
  expect(list.missedIds).toEqual(unreturned.slice(5, 10).map((call) => call.id));
  expect(errors).toEqual([]);
  await page.close();
});

test('serve: the same dashboard from the live database, filters as links, refreshed when calls land', async () => {
  const running = startCli(['--db', database, 'serve', '--port', '0'], {});
  const [, url] = await running.printed(/ at (http:\/\/\S+)/);
  try {
    const { page, errors } = await chromium.open();
    await page.goto(url!);
    const all = await figures({ top: 10 });
    expectChartsOf(await drawn(page), all);
    expect(await pageTotals(page)).toEqual(textTotals(textReport));

    // A filter is a GET: the server re-queries the store.
    await page.selectOption('#filter-provider', 'telecmi');
    await Promise.all([
      page.waitForURL(/provider=telecmi/),
      page.click('#filters button[type="submit"]'),
    ]);
    expectChartsOf(await drawn(page), await figures({ providers: ['telecmi'], top: 10 }));

    // Recording links on the call rows whose calls have one.
    await page.goto(`${url}?provider=ozonetel`);
    const rows = await page.$$eval('#latest-calls tbody tr', (elements) =>
      elements.map((row) => [
        row.getAttribute('data-id'),
        row.querySelector('a.recording')?.getAttribute('href') ?? null,
      ]),
    );
    const byId = new Map(
      (await storedCalls(database, { providers: ['ozonetel'] })).map((call) => [call.id, call]),
    );
    expect(rows.length).toBe(10);
    expect(rows).toEqual(rows.map(([id]) => [id, byId.get(id!)?.recording?.url ?? null]));
    expect(rows.some(([, link]) => link !== null)).toBe(true);

    // Calls land (a push, a sync): the open page follows without a reload.
    await page.goto(url!);
    const before = all.providers.reduce((sum, row) => sum + row.calls, 0);
    const store = await openCallStore(database);
    await store.writeSlice({
      account: 'ozonetel',
      calls: [1, 2, 3].map((index) =>
        makeCall({
          id: `landed-${index}`,
          provider: 'ozonetel',
          direction: 'inbound',
          status: 'missed',
          startedAt: new Date(testNow.getTime() + index * 60_000),
          from: { kind: 'phone', raw: `+9198000000${index}0`, phoneNumber: `+9198000000${index}0` },
        }),
      ),
    });
    await store.close();
    await page.waitForFunction(
      (expected) => document.querySelector('[data-total="calls"] .value')?.textContent === expected,
      formatCount(before + 3),
      { timeout: 20_000 },
    );
    expect((await drawn(page)).missedIds.slice(0, 3)).toEqual(['landed-3', 'landed-2', 'landed-1']);
    expect(await page.textContent('#live-status')).toContain('Live');
    expect(errors).toEqual([]);
    await page.close();
  } finally {
    const run = await running.stop();
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('');
  }
});
