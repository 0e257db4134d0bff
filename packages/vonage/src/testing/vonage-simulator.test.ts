import { afterAll, beforeAll, expect, test } from 'vitest';
import { signVonageApplicationJwt } from '../vonage-application-jwt.js';
import { VonageSimulator } from './vonage-simulator.js';
import { unknownVonagePrivateKey } from './vonage-test-keys.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
let simulator: VonageSimulator;
beforeAll(async () => {
  simulator = await VonageSimulator.start({ calls: 30, now: testNow });
});
afterAll(() => simulator.stop());

const token = (options: { applicationId?: string; privateKey?: string } = {}) =>
  signVonageApplicationJwt({
    applicationId: options.applicationId ?? simulator.applicationId,
    privateKey: options.privateKey ?? simulator.privateKey,
    now: new Date(testNow),
  });
/** GET with the application's JWT, another one, or (`null`) none. */
const get = async (path: string, jwt: string | null = token()) => {
  const response = await fetch(`${simulator.url}${path}`, {
    headers: jwt === null ? {} : { authorization: `Bearer ${jwt}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

test('no JWT, a JWT of another key or another application: 401 with the problem body', async () => {
  for (const jwt of [
    null,
    token({ privateKey: unknownVonagePrivateKey() }),
    token({ applicationId: 'another-application' }),
  ]) {
    expect(await get('/v1/calls', jwt)).toMatchObject({
      status: 401,
      body: { title: 'Unauthorized', type: 'https://developer.nexmo.com/api-errors#unauthorized' },
    });
  }
});

test('bad parameters are 400 naming them, as a real Voice 400 (a numeric type)', async () => {
  for (const [query, name] of [
    ['page_size=101', 'page_size'],
    ['page_size=0', 'page_size'],
    ['date_start=2026-11-24', 'date_start'],
    ['record_index=-1', 'record_index'],
    ['order=up', 'order'],
  ]) {
    const answer = await get(`/v1/calls?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ type: 400, invalid_parameters: [{ name }] });
  }
});

test('newest first by default, page_size 10, relative links with the next offset; count is the total', async () => {
  const answer = await get('/v1/calls');
  const calls = (answer.body._embedded as { calls: { uuid: string; start_time: string }[] }).calls;
  expect(calls).toHaveLength(10);
  expect(answer.body.count).toBe(30);
  const times = calls.map((call) => Date.parse(call.start_time));
  expect(times).toEqual([...times].sort((a, b) => b - a));
  expect(answer.body._links).toMatchObject({
    next: { href: '/v1/calls?page_size=10&record_index=10&order=desc' },
  });
  const last = await get('/v1/calls?record_index=20');
  expect((last.body._links as Record<string, unknown>).next).toBeUndefined();
});

test('one leg by uuid; an unknown one is 404', async () => {
  const id = simulator.calls()[0]!.id;
  expect(await get(`/v1/calls/${id}`)).toMatchObject({ status: 200, body: { uuid: id } });
  expect((await get('/v1/calls/nope')).status).toBe(404);
});
