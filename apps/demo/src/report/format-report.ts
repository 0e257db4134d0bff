import { formatZonedDateTime } from '@cdr/core/time';
import type { MoneyTotal, ReportFigures } from '../store/report-figures.ts';
import { unknownValue } from '../support/output.ts';
import { formatSeconds, formatTable } from '../support/table.ts';
import { indiaTimeZone, zoneLabel } from '../support/time-zone.ts';

const percent = (part: number, whole: number) =>
  whole === 0 ? unknownValue : `${((part / whole) * 100).toFixed(1)}%`;
const seconds = (value: number | null) => (value === null ? unknownValue : formatSeconds(value));

/** Costs as people read them: each currency apart, an unknown one said so; none known: a dash. */
export function formatCosts(costs: readonly MoneyTotal[]): string {
  if (costs.length === 0) return unknownValue;
  return costs
    .map((cost) => `${cost.amount.toFixed(2)} ${cost.currency ?? '(currency unknown)'}`)
    .join(' + ');
}

/** The report as text for a terminal: the same figures as `--json` and the dashboard. */
export function formatReport(figures: ReportFigures): string {
  if (figures.providers.length === 0)
    return figures.query.from ||
      figures.query.to ||
      figures.query.sources ||
      figures.query.direction
      ? 'No calls match.'
      : 'No calls stored yet: run `cdr sync` first.';
  // The report's days and times are in its query's zone (India's unless one was chosen).
  const zone = figures.query.timeZone ?? indiaTimeZone;
  const legs = figures.query.legs ? ', each leg counted' : '';
  const sections = [
    `Calls per day (${zone === indiaTimeZone ? 'India time' : zone}${legs})\n${formatTable(
      ['day', 'provider', 'direction', 'answered', 'missed', 'other'],
      figures.days.map((row) => [
        row.day,
        row.provider,
        row.direction,
        row.answered,
        row.missed,
        row.other,
      ]),
    )}`,
    `Totals\n${formatTable(
      [
        'provider',
        'calls',
        'answered',
        'answer rate',
        'call time',
        'talk time',
        'billed time',
        'cost',
      ],
      figures.providers.map((row) => [
        row.provider,
        row.calls,
        row.answered,
        percent(row.answered, row.calls),
        seconds(row.totalSeconds),
        seconds(row.talkSeconds),
        seconds(row.billedSeconds),
        formatCosts(row.costs),
      ]),
    )}`,
    `Missed calls not yet called back: ${figures.unreturnedMissed.count.toLocaleString('en-US')}${
      figures.unreturnedMissed.latest.length > 0
        ? `\n${formatTable(
            [`started (${zoneLabel(zone)})`, 'provider', 'number', 'id'],
            figures.unreturnedMissed.latest.map((row) => [
              formatZonedDateTime(row.startedAt, zone),
              row.provider,
              row.number,
              row.id,
            ]),
          )}`
        : ''
    }`,
    `Busiest agents\n${formatTable(
      ['agent', 'calls', 'answered', 'talk time', 'average handle time'],
      figures.agents.map((row) => [
        row.agent,
        row.calls,
        row.answered,
        seconds(row.talkSeconds),
        seconds(row.averageHandleSeconds),
      ]),
    )}`,
  ];
  return sections.join('\n\n');
}
