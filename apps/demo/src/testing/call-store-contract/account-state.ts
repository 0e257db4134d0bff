// The store contract (see ../call-store-contract.ts): each account's last success, last error,
// and parking after refused credentials.
import { expect, test } from 'vitest';
import type { StoreContract } from './contract-helpers.ts';

export function accountStateContract({ fresh }: StoreContract): void {
  test('keeps each account’s last success and last error', async () => {
    const s = await fresh();
    await s.recordRun('telecmi:rest-user', new Date('2026-11-20T10:00:00Z'), {
      ok: false,
      error: 'authentication: bad token',
    });
    await s.recordRun('ozonetel', new Date('2026-11-20T10:05:00Z'), { ok: true });
    let states = await s.accountStates();
    expect(
      states.map((state) => [state.account, state.lastError, state.lastSuccessAt?.toISOString()]),
    ).toEqual([
      ['ozonetel', undefined, '2026-11-20T10:05:00.000Z'],
      ['telecmi:rest-user', 'authentication: bad token', undefined],
    ]);
    await s.recordRun('telecmi:rest-user', new Date('2026-11-20T11:00:00Z'), { ok: true });
    states = await s.accountStates();
    expect(states.find((state) => state.account === 'telecmi:rest-user')).toMatchObject({
      lastError: undefined,
      lastSuccessAt: new Date('2026-11-20T11:00:00Z'),
      lastAttemptAt: new Date('2026-11-20T11:00:00Z'),
    });
  });

  test('an account whose credentials were refused stays parked through later failures, until unparked', async () => {
    const s = await fresh();
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute));
    await s.recordRun('twilio:main', at(0), {
      ok: false,
      error: 'authentication: refused',
      park: true,
    });
    await s.recordRun('twilio:main', at(1), { ok: false, error: 'network: reset' });
    let [state] = await s.accountStates();
    expect(state).toMatchObject({
      parkedAt: at(0),
      lastError: 'network: reset',
      lastErrorAt: at(1),
    });
    await s.unpark('twilio:main');
    [state] = await s.accountStates();
    expect(state!.parkedAt).toBeUndefined();
    await s.recordRun('twilio:main', at(2), {
      ok: false,
      error: 'authentication: refused',
      park: true,
    });
    await s.recordRun('twilio:main', at(3), { ok: true });
    [state] = await s.accountStates();
    expect([state!.parkedAt, state!.lastError, state!.lastSuccessAt]).toEqual([
      undefined,
      undefined,
      at(3),
    ]);
  });
}
