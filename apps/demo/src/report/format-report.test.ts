// The text rendering of the report figures (the figures themselves are tested against both
// stores in the store contract): unknowns as a dash, never 0; costs with their currency.
import { expect, test } from 'vitest';
import type { ReportFigures } from '../store/report-figures.ts';
import { formatCosts, formatReport } from './format-report.ts';

const empty: ReportFigures = {
  query: {},
  providers: [],
  days: [],
  heatmap: [],
  trend: [],
  agents: [],
  unreturnedMissed: { count: 0, page: 0, latest: [] },
};

const figures: ReportFigures = {
  ...empty,
  providers: [
    {
      provider: 'ozonetel',
      calls: 3,
      answered: 2,
      missed: 1,
      totalSeconds: 300,
      talkSeconds: 250,
      billedSeconds: null,
      costs: [],
    },
    {
      provider: 'telecmi',
      calls: 4,
      answered: 1,
      missed: 3,
      totalSeconds: 3725,
      talkSeconds: null,
      billedSeconds: 3660,
      costs: [
        { currency: 'INR', amount: 12.5 },
        { currency: null, amount: 0.75 },
      ],
    },
  ],
  days: [
    {
      day: '2026-11-20',
      provider: 'telecmi',
      direction: 'outbound',
      answered: 1,
      missed: 3,
      other: 0,
    },
  ],
  agents: [{ agent: 'Meera', calls: 4, answered: 1, talkSeconds: null, averageHandleSeconds: 95 }],
  unreturnedMissed: {
    count: 12,
    page: 0,
    latest: [
      {
        provider: 'telecmi',
        id: 'c-9',
        startedAt: new Date('2026-11-20T18:45:00Z'),
        number: '+919800000004',
        direction: 'outbound',
        recordingUrl: null,
      },
    ],
  },
};

test('unknown sums are a dash, never 0; each currency apart, an unknown one said so', () => {
  const text = formatReport(figures);
  const row = (provider: string) =>
    text.split('\n').find((line) => line.startsWith(`${provider} `))!;
  // Ozonetel gives no cost or billed time: unknown, not free.
  expect(row('ozonetel')).toMatch(/^ozonetel +3 +2 +66\.7% +5m 00s +4m 10s +– +–$/);
  // TeleCMI gives no talk time.
  expect(row('telecmi')).toMatch(
    /^telecmi +4 +1 +25\.0% +1h 02m 05s +– +1h 01m 00s +12\.50 INR \+ 0\.75 \(currency unknown\)$/,
  );
  expect(formatCosts([])).toBe('–');
  expect(text).toMatch(/^Meera +4 +1 +– +1m 35s$/m);
});

test('the missed calls not called back: the count, then the latest in India time', () => {
  const text = formatReport(figures);
  expect(text).toContain('Missed calls not yet called back: 12');
  // 18:45 UTC is 00:15 the next day in India.
  expect(text).toMatch(/^2026-11-21 00:15:00 +telecmi +\+919800000004 +c-9$/m);
});

test('nothing stored, or nothing matching, is said in words', () => {
  expect(formatReport(empty)).toBe('No calls stored yet: run `cdr sync` first.');
  expect(formatReport({ ...empty, query: { direction: 'inbound' } })).toBe('No calls match.');
  expect(formatReport({ ...empty, query: { sources: ['ozonetel'] } })).toBe('No calls match.');
});
