import { expect, test } from 'vitest';
import { OzonetelSimulator } from './ozonetel-simulator.js';

test('its clock starts at `now` in epoch ms, as every simulator’s; a Date is refused with a pointer', async () => {
  const start = Date.parse('2026-11-24T12:00:00+05:30');
  const simulator = await OzonetelSimulator.start({ calls: 5, now: start });
  try {
    // The clock runs on from `now` with real time: never before it.
    expect(simulator.now().getTime()).toBeGreaterThanOrEqual(start);
  } finally {
    await simulator.stop();
  }
  await expect(
    OzonetelSimulator.start({ now: new Date(start) as unknown as number }),
  ).rejects.toThrow('OzonetelSimulator: `now` is epoch ms');
});
