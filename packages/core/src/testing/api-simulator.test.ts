import { expect, test } from 'vitest';
import { ReferenceApi } from './reference/reference-api.js';

test('serves its routes with latency and faults, counts requests, and shows the ground truth', async () => {
  const api = await ReferenceApi.start();
  try {
    const list = () =>
      fetch(`${api.url}/calls/answered`, {
        method: 'POST',
        body: JSON.stringify({ token: 'reference-valid-token', page: 1, from: 0, to: 8.64e15 }),
      });
    expect((await list()).status).toBe(200);
    api.injectFault('server-error');
    expect((await list()).status).toBe(503);
    api.injectFault('echo-request');
    const echoed = (await (await list()).json()) as { request: { body: string } };
    expect(echoed.request.body).toContain('reference-valid-token');
    api.injectFault('rate-limited');
    expect((await list()).status).toBe(429);
    expect(api.requestCount).toBe(4);
    expect(api.faults.produced.get('server-error')).toBe(1);
    // The ground truth is not an API request: it is not counted, faulted or delayed.
    api.injectFault('server-error');
    const truth = (await (await fetch(`${api.url}/__truth`)).json()) as string[];
    expect(truth).toHaveLength(200);
    expect(api.requestCount).toBe(4);
    expect((await list()).status).toBe(503);
    api.echoInRecords('ECHOED');
    const page = (await (await list()).json()) as { items: { note: string }[] };
    expect(page.items[0]!.note).toBe('ECHOED');
    let seen = 0;
    api.onRequest = (number) => {
      seen = number;
    };
    await list();
    expect(seen).toBe(7);
  } finally {
    await api.stop();
  }
});

test('peakInFlight: the most requests answered at once, from arrival to the end of the answer', async () => {
  const api = await ReferenceApi.start();
  api.latencyMs = 40;
  try {
    const list = () =>
      fetch(`${api.url}/calls/answered`, {
        method: 'POST',
        body: JSON.stringify({ token: 'reference-valid-token', page: 1, from: 0, to: 8.64e15 }),
      }).then((response) => response.text());
    await list();
    await list();
    expect(api.peakInFlight).toBe(1);
    await Promise.all([list(), list(), list()]);
    expect(api.peakInFlight).toBe(3);
    api.resetPeakInFlight();
    expect(api.peakInFlight).toBe(0);
    await list();
    expect(api.peakInFlight).toBe(1);
  } finally {
    await api.stop();
  }
});
