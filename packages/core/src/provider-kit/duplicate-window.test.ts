import { expect, test } from 'vitest';
import { duplicateWindow, overlappingSourcesWindow } from './duplicate-window.js';
import type { ListingSource } from './listing-source.js';

const numbered = (
  direction: 'inbound' | 'outbound',
  status: 'answered' | 'missed',
  pageSize = 10,
): ListingSource => ({
  paging: 'page-number',
  endpoint: `${direction}-${status}`,
  directions: [direction],
  statuses: [status],
  pageSize,
  fetchPage: async () => ({ calls: [], total: 0 }),
});

test('endpoints that cannot serve one call alike keep a short window: two rounds of pages in flight', () => {
  const four = [
    numbered('inbound', 'answered'),
    numbered('inbound', 'missed'),
    numbered('outbound', 'answered'),
    numbered('outbound', 'missed'),
  ];
  expect(duplicateWindow(four, 16)).toBe(320);
  expect(duplicateWindow(four, 4)).toBe(200);
  expect(duplicateWindow([numbered('inbound', 'answered', 1000)], 16)).toBe(32_000);
  expect(duplicateWindow([], 4)).toBe(200);
});

test('endpoints that may serve one call twice (voicemails among missed calls) keep the long window', () => {
  expect(duplicateWindow([numbered('inbound', 'missed'), numbered('inbound', 'missed')], 16)).toBe(
    overlappingSourcesWindow,
  );
});

test('a source that streams whole days keeps the long window', () => {
  const day: ListingSource = {
    paging: 'zone-day',
    endpoint: 'day',
    directions: ['inbound'],
    statuses: ['answered'],
    timeZone: 'Asia/Kolkata',
    request: () => ({ method: 'GET', path: '/' }),
    read: async () => {},
    map: () => {
      throw new Error('not read');
    },
  };
  expect(duplicateWindow([day], 4)).toBe(overlappingSourcesWindow);
});
