import { expect, test } from 'vitest';
import { truthWindow } from './call-log-simulator.js';
import { simulatedDataEnd } from './simulated-data-options.js';

test('the data set ends at `now` in epoch ms; a Date is refused with the way to pass it', () => {
  expect(simulatedDataEnd('TestSimulator', 1_700_000_000_000)).toBe(1_700_000_000_000);
  const when = new Date('2026-11-24T06:30:00Z');
  expect(() => simulatedDataEnd('TestSimulator', when as unknown as number)).toThrow(
    "TestSimulator: `now` is epoch ms, as every simulator's: pass `now.getTime()` instead of a Date",
  );
  expect(() => simulatedDataEnd('TestSimulator', Number.NaN)).toThrow(/finite number/);
  // Without one: a whole UTC hour (whichever it is).
  expect(simulatedDataEnd('TestSimulator', undefined) % 3_600_000).toBe(0);
});

test('reads the ground truth window of `/__truth?from=…&to=…`', () => {
  expect(
    truthWindow(new URLSearchParams('from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z')),
  ).toEqual({
    from: new Date('2026-01-01T00:00:00Z'),
    to: new Date('2026-01-02T00:00:00Z'),
  });
  expect(truthWindow(new URLSearchParams('from=2026-01-01T00:00:00Z'))).toBeUndefined();
});
