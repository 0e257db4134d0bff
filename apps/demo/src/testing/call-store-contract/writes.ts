// The store contract (see ../call-store-contract.ts): writing: upserts by key, the account a call
// came from, slices with their cursor, reading one back.
import { expect, test } from 'vitest';
import { makeCall } from '../test-calls.ts';
import { accountsOf, at, collect, ids, type StoreContract } from './contract-helpers.ts';

export function writesContract({ fresh }: StoreContract): void {
  test('upserts by (provider, id), saying what it inserted, updated and left unchanged', async () => {
    const s = await fresh();
    const a = makeCall({ id: 'a' });
    const b = makeCall({ id: 'b', startedAt: at('16:00') });
    expect(await s.writeSlice({ calls: [a, b] })).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
    const noted = { ...a, notes: [{ text: 'call back after 6 pm' }] };
    expect(await s.writeSlice({ calls: [noted, b] })).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
    expect(await s.countCalls({})).toBe(2);
    expect(await collect(s.iterateCalls({}))).toEqual([noted, b]);
    // The same id at another provider is another call.
    expect((await s.writeSlice({ calls: [{ ...a, provider: 'ozonetel' }] })).inserted).toBe(1);
    // A call twice in one slice is one row.
    expect(await s.writeSlice({ calls: [makeCall({ id: 'c' }), makeCall({ id: 'c' })] })).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 1,
    });
  });

  test('calls carry the account that stored them first; `syncedSince` selects what was stored or changed since', async () => {
    let now = Date.parse('2026-11-20T10:00:00Z');
    const s = await fresh({ now: () => now });
    const a = makeCall({ id: 'a' });
    const b = makeCall({ id: 'b', startedAt: at('16:00') });
    await s.writeSlice({ account: 'telecmi:rest-user', calls: [a, b] });
    now += 60_000;
    const since = new Date(now);
    // b again, unchanged (not moved), a changed (moved), c new; another account's slice
    // keeps a's first account.
    const noted = { ...a, notes: [{ text: 'price arrived' }] };
    const c = makeCall({ id: 'c', startedAt: at('17:00') });
    await s.writeSlice({ account: 'telecmi:rest-app', calls: [noted, b, c] });
    expect(ids(await collect(s.iterateCalls({ syncedSince: since })))).toEqual(['a', 'c']);
    expect(await s.countCalls({ syncedSince: since })).toBe(2);
    expect(ids(await collect(s.iterateCalls({ syncedSince: new Date(now + 1) })))).toEqual([]);
    expect(await accountsOf(s.iterateCalls({}))).toEqual([
      'telecmi:rest-user',
      'telecmi:rest-user',
      'telecmi:rest-app',
    ]);
    expect(
      (await s.listCalls({}, { limit: 10, order: 'oldest' })).map((call) => call.account),
    ).toEqual(['telecmi:rest-user', 'telecmi:rest-user', 'telecmi:rest-app']);
    await s.writeSlice({ calls: [makeCall({ id: 'd', startedAt: at('18:00') })] });
    expect((await accountsOf(s.iterateCalls({}))).at(-1)).toBeNull();
  });

  test('a slice and its cursor land together or not at all, and a cursor never moves back', async () => {
    const s = await fresh();
    const position = new Date('2026-11-20T12:00:00Z');
    await s.writeSlice({
      account: 'telecmi:rest-user',
      calls: [makeCall({ id: 'a' })],
      cursor: { account: 'telecmi:rest-user', position },
    });
    expect(await s.cursor('telecmi:rest-user')).toEqual(position);
    expect(await s.cursor('telecmi:rest-app')).toBeUndefined();

    const broken = { ...makeCall({ id: 'b' }), startedAt: new Date(Number.NaN) };
    await expect(
      s.writeSlice({
        calls: [makeCall({ id: 'c' }), broken],
        cursor: { account: 'telecmi:rest-user', position: new Date('2026-11-21T00:00:00Z') },
      }),
    ).rejects.toThrow();
    expect(await s.countCalls({})).toBe(1);
    expect(await s.cursor('telecmi:rest-user')).toEqual(position);

    // A position behind the stored one (another sync got further) leaves it where it is…
    await s.writeSlice({
      calls: [],
      cursor: { account: 'telecmi:rest-user', position: new Date('2026-11-19T00:00:00Z') },
    });
    expect(await s.cursor('telecmi:rest-user')).toEqual(position);
    // …unless it is moved back on purpose (`state reset`).
    await s.resetCursor('telecmi:rest-user', new Date('2026-11-19T00:00:00Z'));
    expect(await s.cursor('telecmi:rest-user')).toEqual(new Date('2026-11-19T00:00:00Z'));
    await s.resetCursor('telecmi:rest-user', undefined);
    expect(await s.cursor('telecmi:rest-user')).toBeUndefined();
  });

  test('reads one call back by provider and id', async () => {
    const s = await fresh();
    const call = makeCall({ id: 'one', notes: [{ text: 'a note' }] });
    await s.writeSlice({ account: 'telecmi:rest-user', calls: [call] });
    expect(await s.getCall('telecmi', 'one')).toEqual(call);
    expect(await s.getCall('telecmi', 'other')).toBeUndefined();
    expect(await s.getCall('ozonetel', 'one')).toBeUndefined();
  });
}
