import { createServer } from 'node:http';
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

  test('looks calls up by UCID, and its simulator pushes every call it keeps but those held back', async () => {
    const lookup = ozonetelDescriptor.lookup!;
    expect(lookup.idName).toBe('UCID');
    expect(lookup.idProblem?.('2543123')).toBeUndefined();
    expect(lookup.idProblem?.('abc-1')).toBe('UCIDs are numeric (at most 30 digits)');
    const now = new Date('2026-11-24T12:00:00+05:30');
    const simulation = await ozonetelDescriptor.simulate({ now: () => now });
    const received: string[] = [];
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push(body);
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const address = receiver.address() as { port: number };
      const { pushed, withheld } = await simulation.pushCalls!(
        'ozonetel',
        `http://127.0.0.1:${address.port}/`,
        (index) => index % 20 === 0,
      );
      expect(received).toHaveLength(pushed);
      expect(withheld.length).toBeGreaterThan(0);
      // The withheld calls are found by their UCIDs, through the descriptor's lookup.
      const provider = simulation.accounts[0]!.create({ now: () => now });
      const statuses: string[] = [];
      for await (const answer of lookup.lookUp(provider, withheld)) statuses.push(answer.status);
      expect(statuses).toEqual(withheld.map(() => 'found'));
      expect(received.some((body) => withheld.some((ucid) => body.includes(ucid)))).toBe(false);
      await provider.close?.();
    } finally {
      receiver.close();
      await simulation.stop();
    }
  });
});
