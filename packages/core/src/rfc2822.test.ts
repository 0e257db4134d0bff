import { expect, test } from 'vitest';
import { parseRfc2822DateTime } from './rfc2822.js';

test('reads RFC 2822 date-times in any offset, with or without weekday and seconds', () => {
  expect(parseRfc2822DateTime('Fri, 18 Oct 2019 17:02:00 +0000')?.toISOString()).toBe(
    '2019-10-18T17:02:00.000Z',
  );
  expect(parseRfc2822DateTime('18 Oct 2019 22:32 +0530')?.toISOString()).toBe(
    '2019-10-18T17:02:00.000Z',
  );
  expect(parseRfc2822DateTime('Thu, 29 Feb 2024 23:59:59 -1200')?.toISOString()).toBe(
    '2024-03-01T11:59:59.000Z',
  );
  expect(parseRfc2822DateTime('Fri, 18 Oct 2019 17:02:00 GMT')?.toISOString()).toBe(
    '2019-10-18T17:02:00.000Z',
  );
});

test.each([
  [
    'a day past the month’s end (Date.parse rolls it into March)',
    'Sat, 31 Feb 2026 10:00:00 +0000',
  ],
  ['29 February of a common year', '29 Feb 2026 10:00:00 +0000'],
  ['hour 24', 'Tue, 24 Nov 2026 24:00:00 +0000'],
  ['second 60', 'Tue, 24 Nov 2026 10:00:60 +0000'],
  ['minute 60', 'Tue, 24 Nov 2026 10:60:00 +0000'],
  ['an offset past ±14:00', 'Tue, 24 Nov 2026 10:00:00 +9999'],
  ['offset minutes past 59', 'Tue, 24 Nov 2026 10:00:00 +0560'],
  ['a weekday that is not the date’s', 'Mon, 24 Nov 2026 10:00:00 +0000'],
  ['ISO 8601', '2026-11-24T10:00:00Z'],
  ['a lower-case month', 'Tue, 24 nov 2026 10:00:00 +0000'],
  ['garbage', 'yesterday'],
  ['empty', ''],
])('refuses %s', (_what, value) => {
  expect(parseRfc2822DateTime(value)).toBeUndefined();
});

test('Twilio’s fixed form, read by position, agrees with the pattern on every variant', () => {
  // A leading space sends the same text down the pattern's path (it trims first).
  const samples: string[] = [];
  for (let step = 0; step < 400; step++) {
    const instant = Date.UTC(1995, 0, 1) + step * 97_654_321_987;
    const text = new Date(instant).toUTCString().replace('GMT', '+0000');
    samples.push(text, text.replace('+0000', '-0930'), text.replace('+0000', '+1400'));
  }
  const mutations = ['0', '9', ' ', ':', 'x', '+', '-', ',', 'M'];
  const base = 'Tue, 24 Nov 2026 10:00:00 +0000';
  for (let index = 0; index < base.length; index++)
    for (const character of mutations)
      samples.push(base.slice(0, index) + character + base.slice(index + 1));
  samples.push('Tue, 24 Nov 2026 10:00:00 +1401', 'Tue, 24 Nov 2026 10:00:00 -0060');
  for (const sample of samples) {
    expect(sample).toHaveLength(31);
    expect(parseRfc2822DateTime(sample)?.getTime()).toBe(
      parseRfc2822DateTime(` ${sample}`)?.getTime(),
    );
  }
  expect(samples.filter((sample) => parseRfc2822DateTime(sample)).length).toBeGreaterThan(1200);
});
