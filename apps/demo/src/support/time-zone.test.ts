import { expect, test } from 'vitest';
import { chooseTimeZone, zoneLabel } from './time-zone.ts';
import { UsageError } from './usage-error.ts';

test('--tz wins over CDR_TZ, which wins over the machine; India when the machine says nothing', () => {
  const env = { CDR_TZ: 'Europe/Berlin' };
  expect(chooseTimeZone(['report', '--tz', 'Asia/Kathmandu'], env, 'UTC')).toEqual({
    name: 'Asia/Kathmandu',
    source: 'flag',
  });
  expect(chooseTimeZone(['--tz=UTC', 'calls'], env, 'UTC')).toEqual({
    name: 'UTC',
    source: 'flag',
  });
  expect(chooseTimeZone(['calls'], env, 'UTC')).toEqual({
    name: 'Europe/Berlin',
    source: 'environment',
  });
  expect(chooseTimeZone(['calls'], {}, 'America/New_York')).toEqual({
    name: 'America/New_York',
    source: 'machine',
  });
  expect(chooseTimeZone(['calls'], {}, undefined).name).toBe('Asia/Kolkata');
  // After `--`, an argument is not a flag.
  expect(chooseTimeZone(['calls', '--', '--tz', 'UTC'], {}, undefined).source).toBe('machine');
});

test("the machine's zone is read when a time first needs it, once, and never when --tz or CDR_TZ says", () => {
  let reads = 0;
  const machine = () => {
    reads++;
    return 'America/New_York';
  };
  const chosen = chooseTimeZone(['calls'], {}, machine);
  expect(chosen.source).toBe('machine');
  expect(reads).toBe(0);
  expect(chosen.name).toBe('America/New_York');
  expect(chosen.name).toBe('America/New_York');
  expect(reads).toBe(1);
  expect(chooseTimeZone(['calls', '--tz', 'UTC'], {}, machine).name).toBe('UTC');
  expect(chooseTimeZone(['calls'], { CDR_TZ: 'UTC' }, machine).name).toBe('UTC');
  expect(reads).toBe(1);
  // A machine zone the runtime does not know: India's.
  expect(chooseTimeZone(['calls'], {}, () => 'Nowhere/Else').name).toBe('Asia/Kolkata');
});

test('a zone that is none is a usage error naming where it came from', () => {
  expect(() => chooseTimeZone(['--tz', 'Mars/Olympus'], {}, 'UTC')).toThrow(UsageError);
  expect(() => chooseTimeZone(['--tz', 'Nowhere/Else'], {}, 'UTC')).toThrow(
    /^--tz "Nowhere\/Else"/,
  );
  expect(() => chooseTimeZone([], { CDR_TZ: 'Nowhere/Else' }, 'UTC')).toThrow(
    /^CDR_TZ "Nowhere\/Else"/,
  );
});

test('India is IST in headers; any other zone by its name', () => {
  expect(zoneLabel('Asia/Kolkata')).toBe('IST');
  expect(zoneLabel('Asia/Kathmandu')).toBe('Asia/Kathmandu');
});
