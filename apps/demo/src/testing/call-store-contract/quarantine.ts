// The store contract (see ../call-store-contract.ts): records that cannot be trusted: kept aside
// with their slice, released when they list readable.
import { expect, test } from 'vitest';
import { makeCall } from '../test-calls.ts';
import { at, type StoreContract } from './contract-helpers.ts';

export function quarantineContract({ fresh }: StoreContract): void {
  test('keeps rejected records aside with the slice, and releases one that later lists as a call', async () => {
    const current = await fresh();
    const window = { from: at('09:00'), to: at('10:00') };
    const rejected = (id: string | undefined, reason: string) => ({
      account: 'acme:main',
      provider: 'telecmi',
      id,
      endpoint: 'GET /calls',
      reason,
      raw: { id, note: 'as sent' },
      window,
    });
    await current.writeSlice({
      account: 'acme:main',
      calls: [makeCall({ id: 'good' })],
      rejected: [
        rejected('bad', 'endedAt: expected an end at or after the start'),
        rejected(undefined, 'no id'),
      ],
      cursor: { account: 'acme:main', position: at('10:00') },
    });
    const kept = await current.quarantined();
    expect(kept.map((record) => [record.account, record.id, record.reason])).toEqual([
      ['acme:main', 'bad', 'endedAt: expected an end at or after the start'],
      ['acme:main', undefined, 'no id'],
    ]);
    expect(kept[0]).toMatchObject({ raw: { id: 'bad', note: 'as sent' }, window });
    expect(await current.quarantined('other:account')).toEqual([]);
    // Seen again, still bad: one row, its reason refreshed.
    await current.writeSlice({
      account: 'acme:main',
      calls: [],
      rejected: [rejected('bad', 'durations.totalSeconds: expected seconds')],
    });
    const again = await current.quarantined('acme:main');
    expect(again).toHaveLength(2);
    expect(again.find((record) => record.id === 'bad')?.reason).toBe(
      'durations.totalSeconds: expected seconds',
    );
    // Sent again readable: stored as a call, and out of the quarantine.
    await current.writeSlice({ account: 'acme:main', calls: [makeCall({ id: 'bad' })] });
    expect((await current.quarantined()).map((record) => record.id)).toEqual([undefined]);
    expect(await current.getCall('telecmi', 'bad')).toBeDefined();
  });
}
