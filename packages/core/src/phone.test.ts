import type { CountryCode } from 'libphonenumber-js';
import { describe, expect, test } from 'vitest';
import { createPhoneNormalizer, parseToE164 } from './phone.js';
import { integer, seededRandom } from './testing/seeded-random.js';

describe('createPhoneNormalizer', () => {
  const normalize = createPhoneNormalizer({ defaultRegion: 'IN' });

  test('normalizes Indian numbers written nationally, with a trunk 0, or with 91', () => {
    expect(normalize(9100000000).phoneNumber).toBe('+919100000000');
    expect(normalize('09876543210').phoneNumber).toBe('+919876543210');
    expect(normalize('919000000000').phoneNumber).toBe('+919000000000');
    expect(normalize('+91 98765 43210').phoneNumber).toBe('+919876543210');
  });

  test('recognizes international numbers that lost their +', () => {
    expect(normalize('442071838750').phoneNumber).toBe('+442071838750');
    expect(normalize('00442071838750').phoneNumber).toBe('+442071838750');
  });

  test('keeps agent ids and SIP users as identifiers', () => {
    expect(normalize('103_1111113')).toEqual({ kind: 'identifier', raw: '103_1111113' });
    expect(normalize('agent@example')).toEqual({ kind: 'identifier', raw: 'agent@example' });
  });

  test('keeps the raw value when a number does not parse', () => {
    expect(normalize('123')).toEqual({ kind: 'phone', raw: '123' });
  });

  test('adds the name, and cached parties are not shared objects', () => {
    const first = normalize('9100000000', 'Adams');
    const second = normalize('9100000000');
    expect(first.name).toBe('Adams');
    expect(second.name).toBeUndefined();
  });

  test('respects the default region', () => {
    const us = createPhoneNormalizer({ defaultRegion: 'US' });
    expect(us('2015550123').phoneNumber).toBe('+12015550123');
  });
});

/**
 * Where the normalizer (shortcuts included) and libphonenumber's general path disagree.
 * One assertion over the whole list: an `expect` per input cost more than the parsing.
 */
function disagreementsWithTheParser(inputs: string[], regions: CountryCode[]): string[] {
  const disagreements: string[] = [];
  for (const region of regions) {
    const normalize = createPhoneNormalizer({ defaultRegion: region, cacheSize: 1 });
    for (const raw of inputs) {
      const ours = normalize(raw).phoneNumber;
      const theirs = parseToE164(raw, region);
      if (ours !== theirs) disagreements.push(`${raw} in ${region}: ${ours} vs ${theirs}`);
    }
  }
  return disagreements;
}

// Tens of thousands of libphonenumber parses: seconds alone, past the default 20 s when the
// two cores are shared with the rest of the suite.
const comparisonTimeout = 90_000;

describe('the Indian mobile shortcut', () => {
  test(
    'agrees with libphonenumber on every form it accepts, and on near misses',
    () => {
      const random = seededRandom(99);
      const inputs: string[] = [];
      for (let index = 0; index < 1000; index++) {
        const ten = `${integer(random, 6, 9)}${String(integer(random, 0, 999_999_999)).padStart(9, '0')}`;
        const near = `${integer(random, 0, 5)}${ten.slice(1)}`;
        for (const prefix of ['', '0', '91', '+91', '0091', '+91 ', '+1', '92', '00']) {
          inputs.push(`${prefix}${ten}`, `${prefix}${near}`, `${prefix}${ten.slice(1)}`);
        }
      }
      expect(disagreementsWithTheParser(inputs, ['IN', 'US', 'GB', 'AE'])).toEqual([]);
    },
    comparisonTimeout,
  );
});

describe('the North American shortcut', () => {
  test(
    'agrees with libphonenumber on every form it accepts, and on near misses',
    () => {
      const random = seededRandom(1);
      const inputs: string[] = [];
      for (let index = 0; index < 2000; index++) {
        const ten = String(integer(random, 0, 9_999_999_999)).padStart(10, '0');
        const shaped = `${integer(random, 2, 9)}${ten.slice(1, 3)}${integer(random, 2, 9)}${ten.slice(4)}`;
        for (const prefix of ['+1', '001', '1', '+1 ', '+44', '']) {
          inputs.push(`${prefix}${shaped}`, `${prefix}${ten}`, `${prefix}${shaped.slice(1)}`);
        }
      }
      expect(disagreementsWithTheParser(inputs, ['IN', 'US', 'CA'])).toEqual([]);
    },
    comparisonTimeout,
  );
});
