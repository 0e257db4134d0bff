import { RateLimitedError } from '@cdr/core';
import { Registry } from 'prom-client';
import { expect, test } from 'vitest';
import { sampleSum } from '../testing/metrics-text.ts';
import { SyncMetrics } from './sync-metrics.ts';

const account = { name: 'acme-support', provider: 'telecmi' };
const base = { provider: 'telecmi', endpoint: 'GET /v2/cdr', attempt: 1 };

test('requests are counted by outcome: 2xx ok, a 429 retry rate_limited, another retry retried, a sync failed by a provider error failed', async () => {
  const registry = new Registry();
  const metrics = new SyncMetrics(registry);
  metrics.observeTransportEvent(account, {
    ...base,
    type: 'response',
    statusCode: 200,
    durationMs: 120,
    bytes: 10,
  });
  metrics.observeTransportEvent(account, {
    ...base,
    type: 'response',
    statusCode: 429,
    durationMs: 5,
    bytes: 0,
  });
  metrics.observeTransportEvent(account, {
    ...base,
    type: 'retry',
    delayMs: 1000,
    error: { code: 'rate_limited', message: 'slow down' },
  });
  metrics.observeTransportEvent(account, {
    ...base,
    type: 'retry',
    delayMs: 200,
    error: { code: 'network', message: 'reset' },
  });
  metrics.observeTransportEvent(account, { ...base, type: 'rate-limit-wait', waitMs: 1500 });
  const window = { from: new Date(0), to: new Date(1) };
  metrics.observeSync(
    account,
    {
      account: account.name,
      window,
      listed: 3,
      relisted: 0,
      quarantined: 0,
      durationMs: 2500,
      inserted: 2,
      updated: 1,
      unchanged: 0,
      ok: false,
      error: new RateLimitedError({ provider: 'telecmi', message: 'over the budget' }),
    },
    2.5,
  );
  const text = await registry.metrics();
  const labels = { account: 'acme-support', provider: 'telecmi' };
  expect(sampleSum(text, 'cdr_provider_requests_total', { ...labels, outcome: 'ok' })).toBe(1);
  expect(
    sampleSum(text, 'cdr_provider_requests_total', { ...labels, outcome: 'rate_limited' }),
  ).toBe(1);
  expect(sampleSum(text, 'cdr_provider_requests_total', { ...labels, outcome: 'retried' })).toBe(1);
  expect(sampleSum(text, 'cdr_provider_requests_total', { ...labels, outcome: 'failed' })).toBe(1);
  expect(sampleSum(text, 'cdr_provider_request_duration_seconds_count', labels)).toBe(2);
  expect(sampleSum(text, 'cdr_provider_request_duration_seconds_sum', labels)).toBeCloseTo(0.125);
  expect(sampleSum(text, 'cdr_provider_rate_limit_waits_total', labels)).toBe(1);
  expect(sampleSum(text, 'cdr_provider_rate_limit_wait_seconds_total', labels)).toBe(1.5);
  expect(sampleSum(text, 'cdr_sync_calls_listed_total', labels)).toBe(3);
  expect(sampleSum(text, 'cdr_sync_calls_stored_total', { ...labels, result: 'inserted' })).toBe(2);
  expect(sampleSum(text, 'cdr_sync_calls_stored_total', { ...labels, result: 'updated' })).toBe(1);
  expect(sampleSum(text, 'cdr_sync_duration_seconds_count', { ...labels, result: 'failed' })).toBe(
    1,
  );
});
