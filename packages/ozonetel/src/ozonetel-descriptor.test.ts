import { InvalidRequestError } from '@cdr/core';
import { describe, expect, test } from 'vitest';
import { type OzonetelAccount, ozonetelDescriptor } from './ozonetel-descriptor.js';

const base = { OZONETEL_USER_NAME: 'acme', OZONETEL_API_KEY: 'KKsecret' };

describe('the descriptor', () => {
  test('reads the token path and the reports budget; the account can list', () => {
    expect(ozonetelDescriptor.environment.map((variable) => variable.name)).toEqual([
      'OZONETEL_USER_NAME',
      'OZONETEL_API_KEY',
      'OZONETEL_BASE_URL',
      'OZONETEL_TOKEN_PATH',
      'OZONETEL_REPORTS_RATE_LIMIT',
    ]);
    const [account] = ozonetelDescriptor.fromEnvironment({
      ...base,
      OZONETEL_TOKEN_PATH: '/ca_apis/caToken/generateToken',
      OZONETEL_REPORTS_RATE_LIMIT: '1/1m',
    });
    const provider = (account as OzonetelAccount).create();
    expect(provider.capabilities.listCalls).not.toBe(false);
    expect(provider.reportsRateLimiter).toMatchObject({ limit: 1, intervalMs: 60_000 });
  });

  test('a bad token path or budget is refused, naming the variable', () => {
    for (const env of [
      { ...base, OZONETEL_TOKEN_PATH: 'ca_apis?x=1' },
      { ...base, OZONETEL_REPORTS_RATE_LIMIT: 'fast' },
    ]) {
      const error = (() => {
        try {
          ozonetelDescriptor.fromEnvironment(env);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(String(error)).toMatch(/OZONETEL_(TOKEN_PATH|REPORTS_RATE_LIMIT)/);
    }
  });

  test('the simulated account lists by day: its ground truth is the reports API’s', async () => {
    const simulation = await ozonetelDescriptor.simulate({
      calls: 50,
      now: () => new Date('2026-11-24T12:00:00+05:30'),
    });
    try {
      const [account] = simulation.accounts;
      const provider = account!.create({ now: () => new Date('2026-11-24T12:00:00+05:30') });
      const window = {
        from: new Date('2026-11-21T12:00:00+05:30'),
        to: new Date('2026-11-24T11:00:00+05:30'),
      };
      const ids: string[] = [];
      for await (const call of provider.listCalls(window)) ids.push(call.id);
      const expected = simulation.expectedCallIds('ozonetel', window);
      expect(expected.length).toBeGreaterThan(0);
      expect(ids.sort()).toEqual([...expected].sort());
      await provider.close?.();
    } finally {
      await simulation.stop();
    }
  });
});
