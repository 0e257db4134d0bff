// The store contract (see ../call-store-contract.ts): the simulated-or-real mark a database gets
// from its first writer.
import { expect, test } from 'vitest';
import { makeCall } from '../test-calls.ts';
import type { StoreContract } from './contract-helpers.ts';

export function databaseKindContract({ fresh, another }: StoreContract): void {
  test('is marked simulated or real by its first writer, and keeps that mark', async () => {
    const s = await fresh();
    expect(await s.claimOrigin('real')).toBe('real');
    expect(await s.claimOrigin('simulated')).toBe('real');
    expect(await s.claimOrigin('real')).toBe('real');
    const other = await another();
    try {
      expect(await other.claimOrigin('simulated')).toBe('simulated');
      expect(await other.claimOrigin('real')).toBe('simulated');
    } finally {
      await other.close();
    }
  });

  test('a database holding calls from before the marks is never marked by a simulated writer', async () => {
    const s = await fresh();
    await s.writeSlice({ calls: [makeCall({ id: 'a' })] });
    expect(await s.claimOrigin('simulated')).toBe('unmarked');
    expect(await s.claimOrigin('simulated')).toBe('unmarked');
    expect(await s.claimOrigin('real')).toBe('real');
    expect(await s.claimOrigin('simulated')).toBe('real');
  });
}
