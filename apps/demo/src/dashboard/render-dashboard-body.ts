// The dashboard's content (figures, charts as SVG, tables, lists) from a view. It runs on
// the server, and in a saved file's page again after each filter change: the page carries
// these functions' own source (see page-bundle.ts). That is why this module imports
// nothing at run time, keeps no module-level values and declares every helper as an
// exported function: each one is shipped by name, and an import would not exist in the page.

import type {
  AgentRow,
  DayRow,
  HeatmapCell,
  MoneyTotal,
  ProviderTotals,
} from '../store/report-figures.ts';
import type { CallRow, DashboardView, ListPage, MissedCallRow } from './dashboard-view.ts';

/** Text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** An unknown value: a dash, never a zero (as in the text report). */
export function unknownText(): string {
  return '–';
}

/** Whole numbers as the text report prints them: `4,214`. */
export function formatCount(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
}

/** 3725 → `1h 02m 05s`, as the text report (cli/table.ts formatSeconds) writes it. */
export function formatDuration(total: number): string {
  // Rounded to the second first: 479.6 s is 8m 00s, never 7m 60s.
  const whole = Math.round(total);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = whole % 60;
  const pad = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}h ${pad(minutes)}m ${pad(seconds)}s` : `${minutes}m ${pad(seconds)}s`;
}

export function formatNullableDuration(value: number | null): string {
  return value === null ? unknownText() : formatDuration(value);
}

export function formatPercent(part: number, whole: number): string {
  return whole === 0 ? unknownText() : `${((part / whole) * 100).toFixed(1)}%`;
}

/** Costs as the text report writes them: each currency apart, an unknown one said so. */
export function formatMoney(costs: readonly MoneyTotal[]): string {
  if (costs.length === 0) return unknownText();
  return costs
    .map((cost) => `${cost.amount.toFixed(2)} ${cost.currency ?? '(currency unknown)'}`)
    .join(' + ');
}

/**
 * An instant as the wall time of `timeZone` (the page's: India's unless `--tz` chose
 * another), `2026-11-24 12:00:00`. India has kept +05:30 without daylight saving since 1945,
 * so a fixed offset is exact there; other zones are read from the runtime's Intl (the
 * browser's, in a saved file). Shipped to the page by its source: no module constant in it,
 * and no import, which is why this is not core's `formatZonedDateTime` (the server's code
 * calls that; a test holds the two equal).
 */
export function formatZoneTime(epochMs: number, timeZone = 'Asia/Kolkata'): string {
  if (timeZone === 'Asia/Kolkata')
    return new Date(epochMs + 19_800_000).toISOString().slice(0, 19).replace('T', ' ');
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(epochMs)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** How the page names its zone in headers: `IST` for India, else the zone's name. */
export function zoneName(timeZone = 'Asia/Kolkata'): string {
  return timeZone === 'Asia/Kolkata' ? 'IST' : timeZone;
}

/** The India date of an instant, `2026-11-24`. */
export function indiaDay(epochMs: number): string {
  return new Date(epochMs + 19_800_000).toISOString().slice(0, 10);
}

/** How long before `now` an instant was: `2d 4h`, `3h 05m`, `12m`. */
export function formatSince(epochMs: number, now: number): string {
  const minutes = Math.max(0, Math.floor((now - epochMs) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days}d ${hours}h ago`;
  if (hours > 0) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m ago`;
  return `${minutes}m ago`;
}

/** Every India date from `first` to `last`, both included. */
export function daySpan(first: string, last: string): string[] {
  const days: string[] = [];
  for (
    let day = Date.parse(`${first}T00:00:00Z`);
    day <= Date.parse(`${last}T00:00:00Z`);
    day += 86_400_000
  )
    days.push(new Date(day).toISOString().slice(0, 10));
  return days;
}

/** A round step for about `parts` grid lines up to `max`: 1, 2, 5, 10, 20, 50… */
export function gridStep(max: number, parts: number): number {
  const rough = Math.max(max / parts, 1e-9);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10]
    .map((factor) => factor * magnitude)
    .find((candidate) => candidate >= rough);
  return step ?? 10 * magnitude;
}

/**
 * Colours people with any colour-vision deficiency tell apart: outcomes from Okabe and
 * Ito's palette (blue, vermillion, grey), heat maps as one hue from light to dark
 * (ColorBrewer Blues and Oranges), so lightness alone carries the value.
 */
export function palette() {
  return {
    answered: '#0072B2',
    missed: '#D55E00',
    other: '#8C8C8C',
    rate: '#0072B2',
    ring: '#CC79A7',
    blues: ['#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'],
    oranges: [
      '#fee6ce',
      '#fdd0a2',
      '#fdae6b',
      '#fd8d3c',
      '#f16913',
      '#d94801',
      '#a63603',
      '#7f2704',
    ],
    empty: '#f2f2f2',
  };
}

/** A table as text equivalent of a chart, folded away under its chart. */
export function dataTable(
  caption: string,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const head = headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell, index) => (index === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `<details class="as-table"><summary>${escapeHtml(caption)} as a table</summary><div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div></details>`;
}

/** One stacked bar per day (answered, missed, other) of one direction. */
export function dayChart(
  days: readonly DayRow[],
  direction: string,
  span: readonly string[],
  yMax: number,
): string {
  const colours = palette();
  const width = 560;
  const height = 220;
  const left = 44;
  const bottom = 28;
  const plotWidth = width - left - 8;
  const plotHeight = height - bottom - 10;
  const step = gridStep(yMax, 4);
  const top = Math.max(step, Math.ceil(yMax / step) * step);
  const y = (value: number) => 10 + plotHeight - (value / top) * plotHeight;
  const slot = plotWidth / Math.max(span.length, 1);
  const barWidth = Math.max(1, slot * 0.7);
  const totals = new Map<string, { answered: number; missed: number; other: number }>();
  for (const row of days) {
    if (row.direction !== direction) continue;
    const total = totals.get(row.day) ?? { answered: 0, missed: 0, other: 0 };
    total.answered += row.answered;
    total.missed += row.missed;
    total.other += row.other;
    totals.set(row.day, total);
  }
  const grid: string[] = [];
  for (let value = 0; value <= top; value += step)
    grid.push(
      `<line class="grid" x1="${left}" x2="${width - 8}" y1="${y(value)}" y2="${y(value)}"/><text class="tick" x="${left - 6}" y="${y(value) + 4}" text-anchor="end">${formatCount(value)}</text>`,
    );
  const labelEvery = Math.max(1, Math.ceil(span.length / 8));
  const bars = span.map((day, index) => {
    const total = totals.get(day) ?? { answered: 0, missed: 0, other: 0 };
    const x = left + index * slot + (slot - barWidth) / 2;
    let base = 0;
    const segments = (['answered', 'missed', 'other'] as const)
      .filter((outcome) => total[outcome] > 0)
      .map((outcome) => {
        const value = total[outcome];
        const rect = `<rect data-outcome="${outcome}" data-value="${value}" x="${x.toFixed(2)}" y="${y(base + value).toFixed(2)}" width="${barWidth.toFixed(2)}" height="${(y(base) - y(base + value)).toFixed(2)}" fill="${colours[outcome]}"><title>${day} ${direction}: ${formatCount(value)} ${outcome}</title></rect>`;
        base += value;
        return rect;
      })
      .join('');
    const label =
      index % labelEvery === 0
        ? `<text class="tick" x="${(x + barWidth / 2).toFixed(2)}" y="${height - 10}" text-anchor="middle">${day.slice(5)}</text>`
        : '';
    return `<g class="bar" data-day="${day}">${segments}${label}</g>`;
  });
  const sum = [...totals.values()].reduce(
    (all, total) => all + total.answered + total.missed + total.other,
    0,
  );
  const title = `${direction[0]?.toUpperCase() ?? ''}${direction.slice(1)} calls per day`;
  const description = `${title}, ${span[0] ?? ''} to ${span.at(-1) ?? ''} (the page's time zone): ${formatCount(sum)} calls, stacked answered, missed and other.`;
  const id = `days-${escapeHtml(direction)}`;
  return `<figure class="chart" data-chart="${id}"><figcaption id="${id}-title">${escapeHtml(title)}</figcaption><svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-description"><desc id="${id}-description">${escapeHtml(description)}</desc>${grid.join('')}${bars.join('')}</svg>${dataTable(
    title,
    ['day', 'answered', 'missed', 'other'],
    span.map((day) => {
      const total = totals.get(day) ?? { answered: 0, missed: 0, other: 0 };
      return [
        day,
        formatCount(total.answered),
        formatCount(total.missed),
        formatCount(total.other),
      ];
    }),
  )}</figure>`;
}

/** The legend the day charts share. */
export function outcomeLegend(): string {
  const colours = palette();
  return `<ul class="legend" aria-hidden="true">${(['answered', 'missed', 'other'] as const)
    .map(
      (outcome) =>
        `<li><span class="swatch" style="background:${colours[outcome]}"></span>${outcome === 'missed' ? 'missed or busy' : outcome}</li>`,
    )
    .join('')}</ul>`;
}

/** Weekdays as the heat map lists them, Monday first (0 is Sunday, as in the figures). */
export function weekdays(): { number: number; name: string }[] {
  return [
    { number: 1, name: 'Mon' },
    { number: 2, name: 'Tue' },
    { number: 3, name: 'Wed' },
    { number: 4, name: 'Thu' },
    { number: 5, name: 'Fri' },
    { number: 6, name: 'Sat' },
    { number: 0, name: 'Sun' },
  ];
}

/** An hour-of-day × weekday grid: 168 cells, darker for more calls. */
export function heatmapChart(
  cells: readonly HeatmapCell[],
  measure: 'inbound' | 'missedInbound',
  title: string,
): string {
  const colours = palette();
  const scale = measure === 'inbound' ? colours.blues : colours.oranges;
  const values = new Map(cells.map((cell) => [`${cell.weekday}:${cell.hour}`, cell[measure]]));
  const max = Math.max(0, ...values.values());
  const left = 40;
  const cellWidth = 28;
  const cellHeight = 22;
  const width = left + 24 * cellWidth + 4;
  const height = 7 * cellHeight + 24;
  const id = `heatmap-${measure === 'inbound' ? 'inbound' : 'missed'}`;
  const rows = weekdays().map((weekday, row) => {
    const label = `<text class="tick" x="${left - 6}" y="${row * cellHeight + 15}" text-anchor="end">${weekday.name}</text>`;
    const hours = Array.from({ length: 24 }, (_, hour) => {
      const value = values.get(`${weekday.number}:${hour}`) ?? 0;
      const shade =
        value === 0
          ? colours.empty
          : (scale[Math.min(scale.length - 1, Math.floor((value / max) * scale.length))] ??
            colours.empty);
      return `<rect class="cell" data-weekday="${weekday.number}" data-hour="${hour}" data-value="${value}" x="${left + hour * cellWidth}" y="${row * cellHeight}" width="${cellWidth - 2}" height="${cellHeight - 2}" fill="${shade}"><title>${weekday.name} ${String(hour).padStart(2, '0')}:00–${String(hour).padStart(2, '0')}:59: ${formatCount(value)}</title></rect>`;
    });
    return `${label}${hours.join('')}`;
  });
  const hourLabels = Array.from({ length: 8 }, (_, index) => index * 3)
    .map(
      (hour) =>
        `<text class="tick" x="${left + hour * cellWidth + cellWidth / 2}" y="${height - 6}" text-anchor="middle">${String(hour).padStart(2, '0')}</text>`,
    )
    .join('');
  const busiest = cells.reduce<HeatmapCell | undefined>(
    (best, cell) => (best === undefined || cell[measure] > best[measure] ? cell : best),
    undefined,
  );
  const busiestName = busiest
    ? `${weekdays().find((weekday) => weekday.number === busiest.weekday)?.name ?? ''} ${String(busiest.hour).padStart(2, '0')}:00`
    : '';
  const description =
    max === 0
      ? `${title}: no calls.`
      : `${title} by hour of day (the page's time zone) and weekday; the most, ${formatCount(max)}, on ${busiestName}.`;
  const legend = `<div class="scale" aria-hidden="true"><span>0</span>${scale.map((shade) => `<span class="swatch" style="background:${shade}"></span>`).join('')}<span>${formatCount(max)}</span></div>`;
  return `<figure class="chart heatmap" data-chart="${id}"><figcaption id="${id}-title">${escapeHtml(title)}</figcaption><div class="scroll"><svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-description"><desc id="${id}-description">${escapeHtml(description)}</desc>${rows.join('')}${hourLabels}</svg></div>${legend}${dataTable(
    title,
    ['weekday', ...Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0'))],
    weekdays().map((weekday) => [
      weekday.name,
      ...Array.from({ length: 24 }, (_, hour) =>
        formatCount(values.get(`${weekday.number}:${hour}`) ?? 0),
      ),
    ]),
  )}</figure>`;
}

/** A line over the days, one point per day that has a value. */
export function lineChart(options: {
  id: string;
  title: string;
  points: readonly { day: string; value: number | null }[];
  span: readonly string[];
  colour: string;
  format: (value: number) => string;
  fixedMax?: number;
}): string {
  const width = 560;
  const height = 200;
  const left = 56;
  const bottom = 28;
  const plotWidth = width - left - 12;
  const plotHeight = height - bottom - 10;
  const known = options.points.filter(
    (point): point is { day: string; value: number } => point.value !== null,
  );
  const max = options.fixedMax ?? Math.max(0, ...known.map((point) => point.value));
  const step = gridStep(max, 4);
  const top = options.fixedMax ?? Math.max(step, Math.ceil(max / step) * step);
  const slot = plotWidth / Math.max(options.span.length, 1);
  const x = (day: string) => left + options.span.indexOf(day) * slot + slot / 2;
  const y = (value: number) => 10 + plotHeight - (value / top) * plotHeight;
  const grid: string[] = [];
  for (let value = 0; value <= top + 1e-9; value += step)
    grid.push(
      `<line class="grid" x1="${left}" x2="${width - 12}" y1="${y(value).toFixed(2)}" y2="${y(value).toFixed(2)}"/><text class="tick" x="${left - 6}" y="${(y(value) + 4).toFixed(2)}" text-anchor="end">${escapeHtml(options.format(value))}</text>`,
    );
  // A gap where a day has no value: the line does not pretend to know it.
  const segments: string[][] = [];
  let current: string[] = [];
  for (const point of options.points) {
    if (point.value === null) {
      if (current.length > 0) segments.push(current);
      current = [];
    } else current.push(`${x(point.day).toFixed(2)},${y(point.value).toFixed(2)}`);
  }
  if (current.length > 0) segments.push(current);
  const lines = segments
    .map(
      (segment) =>
        `<polyline fill="none" stroke="${options.colour}" stroke-width="2.5" points="${segment.join(' ')}"/>`,
    )
    .join('');
  const dots = known
    .map(
      (point) =>
        `<circle class="point" data-day="${point.day}" data-value="${point.value}" cx="${x(point.day).toFixed(2)}" cy="${y(point.value).toFixed(2)}" r="3.5" fill="${options.colour}"><title>${point.day}: ${escapeHtml(options.format(point.value))}</title></circle>`,
    )
    .join('');
  const labelEvery = Math.max(1, Math.ceil(options.span.length / 8));
  const labels = options.span
    .map((day, index) =>
      index % labelEvery === 0
        ? `<text class="tick" x="${x(day).toFixed(2)}" y="${height - 10}" text-anchor="middle">${day.slice(5)}</text>`
        : '',
    )
    .join('');
  const values = known.map((point) => point.value);
  const description =
    values.length === 0
      ? `${options.title}: no values.`
      : `${options.title} per day (the page's time zone), from ${escapeHtml(options.format(Math.min(...values)))} to ${escapeHtml(options.format(Math.max(...values)))}; last ${escapeHtml(options.format(values.at(-1) ?? 0))}.`;
  return `<figure class="chart" data-chart="${options.id}"><figcaption id="${options.id}-title">${escapeHtml(options.title)}</figcaption><svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${options.id}-title" aria-describedby="${options.id}-description"><desc id="${options.id}-description">${description}</desc>${grid.join('')}${lines}${dots}${labels}</svg>${dataTable(
    options.title,
    ['day', options.title],
    options.points.map((point) => [
      point.day,
      point.value === null ? unknownText() : options.format(point.value),
    ]),
  )}</figure>`;
}

/** A sum of values some of which may be unknown: unknown only when all are. */
export function sumKnown(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0);
}

/** Costs of several providers added up, one amount per currency. */
export function addCosts(providers: readonly ProviderTotals[]): MoneyTotal[] {
  const byCurrency = new Map<string | null, number>();
  for (const provider of providers)
    for (const cost of provider.costs)
      byCurrency.set(cost.currency, (byCurrency.get(cost.currency) ?? 0) + cost.amount);
  return [...byCurrency].map(([currency, amount]) => ({ currency, amount }));
}

/** The headline figures over every provider shown, and the per-provider table as in the text report. */
export function totalsSection(providers: readonly ProviderTotals[], unreturned: number): string {
  const calls = providers.reduce((sum, row) => sum + row.calls, 0);
  const answered = providers.reduce((sum, row) => sum + row.answered, 0);
  const missed = providers.reduce((sum, row) => sum + row.missed, 0);
  const lacking = (pick: (row: ProviderTotals) => number | null) => {
    const names = providers.filter((row) => pick(row) === null).map((row) => row.provider);
    return names.length > 0 && names.length < providers.length
      ? `not given by ${names.join(', ')}`
      : '';
  };
  const card = (key: string, label: string, value: string, note = '') =>
    `<div class="card" data-total="${key}"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div>${note ? `<div class="note">${escapeHtml(note)}</div>` : ''}</div>`;
  const cards = [
    card('calls', 'Calls', formatCount(calls)),
    card(
      'answered',
      'Answered',
      formatCount(answered),
      `${formatPercent(answered, calls)} answer rate`,
    ),
    card('missed', 'Missed or busy', formatCount(missed)),
    card('unreturned', 'Not called back', formatCount(unreturned)),
    card(
      'talk',
      'Talk time',
      formatNullableDuration(sumKnown(providers.map((row) => row.talkSeconds))),
      lacking((row) => row.talkSeconds),
    ),
    card(
      'billed',
      'Billed time',
      formatNullableDuration(sumKnown(providers.map((row) => row.billedSeconds))),
      lacking((row) => row.billedSeconds),
    ),
    card(
      'cost',
      'Cost',
      formatMoney(addCosts(providers)),
      providers.some((row) => row.costs.length === 0) &&
        providers.some((row) => row.costs.length > 0)
        ? `not given by ${providers
            .filter((row) => row.costs.length === 0)
            .map((row) => row.provider)
            .join(', ')}`
        : '',
    ),
  ];
  const headers = [
    'provider',
    'calls',
    'answered',
    'answer rate',
    'call time',
    'talk time',
    'billed time',
    'cost',
  ];
  const rows = providers
    .map(
      (row) =>
        `<tr data-provider="${escapeHtml(row.provider)}"><th scope="row">${escapeHtml(row.provider)}</th>${[
          formatCount(row.calls),
          formatCount(row.answered),
          formatPercent(row.answered, row.calls),
          formatNullableDuration(row.totalSeconds),
          formatNullableDuration(row.talkSeconds),
          formatNullableDuration(row.billedSeconds),
          formatMoney(row.costs),
        ]
          .map((cell) => `<td>${escapeHtml(cell)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return `<section aria-labelledby="totals-heading"><h2 id="totals-heading">Totals</h2><div class="cards">${cards.join('')}</div><div class="scroll"><table id="totals"><thead><tr>${headers.map((header) => `<th scope="col">${header}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

export function agentsSection(agents: readonly AgentRow[]): string {
  const rows = agents
    .map(
      (row) =>
        `<tr><th scope="row">${escapeHtml(row.agent)}</th><td>${formatCount(row.calls)}</td><td>${formatCount(row.answered)}</td><td>${formatNullableDuration(row.talkSeconds)}</td><td>${formatNullableDuration(row.averageHandleSeconds)}</td></tr>`,
    )
    .join('');
  return `<section aria-labelledby="agents-heading"><h2 id="agents-heading">Busiest agents</h2>${
    agents.length === 0
      ? '<p class="empty">No calls with an agent.</p>'
      : `<div class="scroll"><table id="agents"><thead><tr><th scope="col">agent</th><th scope="col">calls</th><th scope="col">answered</th><th scope="col">talk time</th><th scope="col">average handle time</th></tr></thead><tbody>${rows}</tbody></table></div>`
  }</section>`;
}

/** A link that calls the number from a phone (`tel:`), for numbers that look like one. */
export function phoneLink(number: string | null): string {
  if (number === null) return unknownText();
  const dialable = number.replace(/[^\d+]/g, '');
  return /^\+?\d{3,15}$/.test(dialable)
    ? `<a href="tel:${dialable}">${escapeHtml(number)}</a>`
    : escapeHtml(number);
}

/** A recording link, only for http(s) URLs (a provider's URL is not trusted to be one). */
export function recordingLink(url: string | null): string {
  if (url === null || !/^https?:\/\//i.test(url)) return '';
  return `<a class="recording" href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">recording</a>`;
}

/** Links (served page) or buttons (saved file) to the other pages of a list. */
export function pager(
  view: DashboardView,
  list: 'missed' | 'calls',
  page: ListPage<unknown>,
): string {
  const pages = Math.max(1, Math.ceil(page.count / page.pageSize));
  if (pages <= 1) return '';
  const target = (number: number, label: string, rel: string) => {
    if (number < 0 || number >= pages) return `<span class="disabled">${label}</span>`;
    if (view.mode === 'file')
      return `<button type="button" data-list="${list}" data-page="${number}" aria-label="${rel} page of the list">${label}</button>`;
    const query = view.query ? `${view.query}&` : '';
    return `<a href="?${escapeHtml(query)}${list}Page=${number}#${list}" rel="${rel === 'Next' ? 'next' : 'prev'}" aria-label="${rel} page of the list">${label}</a>`;
  };
  const beyond =
    page.available < page.count && (page.page + 1) * page.pageSize > page.available
      ? `<p class="note">This file holds the newest ${formatCount(page.available)} of them; <code>cdr serve</code> or <code>cdr calls</code> show the rest.</p>`
      : '';
  return `<nav class="pager" aria-label="Pages">${target(page.page - 1, '‹ newer', 'Previous')}<span>page ${formatCount(page.page + 1)} of ${formatCount(pages)}</span>${target(page.page + 1, 'older ›', 'Next')}</nav>${beyond}`;
}

export function missedSection(view: DashboardView): string {
  const page: ListPage<MissedCallRow> = view.missed;
  const rows = page.rows
    .map(
      (row) =>
        `<tr data-id="${escapeHtml(row.id)}" data-provider="${escapeHtml(row.provider)}"><td><time datetime="${new Date(row.startedAt).toISOString()}">${formatZoneTime(row.startedAt, view.timeZone)}</time></td><td>${formatSince(row.startedAt, view.generatedAt)}</td><td>${phoneLink(row.number)}</td><td>${escapeHtml(row.direction)}</td><td>${escapeHtml(row.provider)}</td><td>${recordingLink(row.recordingUrl)}</td></tr>`,
    )
    .join('');
  return `<section id="missed" aria-labelledby="missed-heading"><h2 id="missed-heading">Missed calls not yet called back: <span data-total="missed-list">${formatCount(page.count)}</span></h2>${
    page.count === 0
      ? '<p class="empty">None.</p>'
      : `<div class="scroll"><table id="missed-calls"><thead><tr><th scope="col">missed at (${escapeHtml(zoneName(view.timeZone))})</th><th scope="col">since</th><th scope="col">number</th><th scope="col">direction</th><th scope="col">provider</th><th scope="col"><span class="sr-only">recording</span></th></tr></thead><tbody>${rows}</tbody></table></div>${pager(view, 'missed', page)}`
  }</section>`;
}

export function callsSection(view: DashboardView): string {
  const page: ListPage<CallRow> = view.calls;
  const rows = page.rows
    .map(
      (row) =>
        `<tr data-id="${escapeHtml(row.id)}" data-provider="${escapeHtml(row.provider)}"><td><time datetime="${new Date(row.startedAt).toISOString()}">${formatZoneTime(row.startedAt, view.timeZone)}</time></td><td>${escapeHtml(row.direction)}</td><td class="status-${escapeHtml(row.status)}">${escapeHtml(row.status)}</td><td>${phoneLink(row.number)}</td><td>${row.agent === null ? unknownText() : escapeHtml(row.agent)}</td><td>${formatNullableDuration(row.seconds)}</td><td>${escapeHtml(row.provider)}</td><td>${recordingLink(row.recordingUrl)}</td></tr>`,
    )
    .join('');
  return `<section id="calls" aria-labelledby="calls-heading"><h2 id="calls-heading">Latest calls</h2>${
    page.count === 0
      ? '<p class="empty">None.</p>'
      : `<div class="scroll"><table id="latest-calls"><thead><tr><th scope="col">started (${escapeHtml(zoneName(view.timeZone))})</th><th scope="col">direction</th><th scope="col">status</th><th scope="col">number</th><th scope="col">agent</th><th scope="col">duration</th><th scope="col">provider</th><th scope="col"><span class="sr-only">recording</span></th></tr></thead><tbody>${rows}</tbody></table></div>${pager(view, 'calls', page)}`
  }</section>`;
}

/** The charts of calls per day (a chart per direction), answer rate and ring time. */
export function trendSection(view: DashboardView): string {
  const colours = palette();
  const known = [...view.days.map((row) => row.day), ...view.trend.map((row) => row.day)].sort();
  const span = known.length === 0 ? [] : daySpan(known[0] ?? '', known.at(-1) ?? '');
  const directions = ['inbound', 'outbound', 'unknown'].filter((direction) =>
    view.days.some((row) => row.direction === direction),
  );
  const perDay = new Map<string, number>();
  for (const row of view.days) {
    const key = `${row.direction}:${row.day}`;
    perDay.set(key, (perDay.get(key) ?? 0) + row.answered + row.missed + row.other);
  }
  const yMax = Math.max(1, ...perDay.values());
  const byDay = new Map(view.trend.map((row) => [row.day, row]));
  const rate = span.map((day) => {
    const row = byDay.get(day);
    return { day, value: row && row.calls > 0 ? (row.answered / row.calls) * 100 : null };
  });
  const ring = span.map((day) => ({ day, value: byDay.get(day)?.averageRingSeconds ?? null }));
  return `<section aria-labelledby="days-heading"><h2 id="days-heading">Calls per day</h2>${outcomeLegend()}<div class="charts">${directions
    .map((direction) => dayChart(view.days, direction, span, yMax))
    .join(
      '',
    )}</div></section><section aria-labelledby="trend-heading"><h2 id="trend-heading">Answer rate and ring time</h2><div class="charts">${lineChart(
    {
      id: 'answer-rate',
      title: 'Answer rate',
      points: rate,
      span,
      colour: colours.rate,
      format: (value) => `${value.toFixed(value % 1 === 0 ? 0 : 1)}%`,
      fixedMax: 100,
    },
  )}${lineChart({
    id: 'ring-time',
    title: 'Average ring time',
    points: ring,
    span,
    colour: colours.ring,
    format: (value) => `${value.toFixed(value % 1 === 0 ? 0 : 1)} s`,
  })}</div></section>`;
}

/** Everything inside the page's `<main>`. */
export function renderDashboardBody(view: DashboardView): string {
  const status = `<p class="as-of">Figures as of <time datetime="${new Date(view.generatedAt).toISOString()}">${formatZoneTime(view.generatedAt, view.timeZone)}</time> ${view.timeZone === undefined || view.timeZone === 'Asia/Kolkata' ? 'IST (UTC+05:30)' : escapeHtml(view.timeZone)}</p>`;
  if (view.providers.length === 0)
    return `${status}<p class="empty" id="no-calls">No calls match.</p>`;
  return [
    status,
    totalsSection(view.providers, view.missed.count),
    trendSection(view),
    `<section aria-labelledby="heatmap-heading"><h2 id="heatmap-heading">Inbound calls by hour and weekday</h2><div class="charts">${heatmapChart(view.heatmap, 'inbound', 'Inbound calls')}${heatmapChart(view.heatmap, 'missedInbound', 'Missed inbound calls')}</div></section>`,
    missedSection(view),
    agentsSection(view.agents),
    callsSection(view),
  ].join('');
}
