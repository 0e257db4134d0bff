// `cdr sync` behind a corporate proxy: the CLI honours HTTP_PROXY / HTTPS_PROXY / NO_PROXY
// from its environment for configured accounts, as curl and npm do.
import { type ForwardProxy, startForwardProxy } from '@cdr/core/testing';
import { afterEach, expect, test } from 'vitest';
import { cli, startTestWorld, type TestWorld, temporaryDatabase } from '../testing/test-support.ts';

let world: TestWorld | undefined;
let proxy: ForwardProxy | undefined;
afterEach(async () => {
  await world?.stop();
  await proxy?.close();
  world = undefined;
  proxy = undefined;
});

const syncArgs = (database: string) => ['--db', database, 'sync', '--initial', '2d'];

test('HTTP_PROXY in the environment: every request of the sync goes through the proxy', async () => {
  world = await startTestWorld();
  proxy = await startForwardProxy();
  const database = temporaryDatabase();
  const run = await cli(syncArgs(database), { ...world.env, HTTP_PROXY: proxy.url });
  expect(run.exitCode, run.stderr).toBe(0);
  const simulatorRequests = world.telecmi.requestCount + world.ozonetel.requestCount;
  expect(simulatorRequests).toBeGreaterThan(5);
  expect(proxy.requests).toHaveLength(simulatorRequests);
  const origins = new Set(proxy.requests.map((request) => new URL(request.target).origin));
  expect(origins).toEqual(new Set([world.telecmi.url, world.ozonetel.url]));
  // Every request names cdr, the provider's package and Node.js.
  for (const request of proxy.requests)
    expect(request.headers['user-agent']).toMatch(
      /^cdr\/\S+ @cdr\/(telecmi|ozonetel)\/\S+ node\/\S+$/,
    );
});

test('the simulators’ host in NO_PROXY: the sync reaches them directly', async () => {
  world = await startTestWorld();
  proxy = await startForwardProxy();
  const run = await cli(syncArgs(temporaryDatabase()), {
    ...world.env,
    http_proxy: proxy.url,
    no_proxy: 'localhost,127.0.0.1',
  });
  expect(run.exitCode, run.stderr).toBe(0);
  expect(world.telecmi.requestCount).toBeGreaterThan(0);
  expect(proxy.requests).toEqual([]);
});

test('no account configured: the built-in simulators on 127.0.0.1 are never sent to the proxy', async () => {
  proxy = await startForwardProxy();
  const run = await cli(
    syncArgs(temporaryDatabase()),
    { HTTP_PROXY: proxy.url },
    { simulation: { calls: 20, days: 2, latencyMs: 0 } },
  );
  expect(run.exitCode, run.stderr).toBe(0);
  expect(proxy.requests).toEqual([]);
});

test('a proxy variable that names no proxy: one line naming it, its credentials never shown', async () => {
  world = await startTestWorld();
  const run = await cli(syncArgs(temporaryDatabase()), {
    ...world.env,
    HTTPS_PROXY: 'ftp://ops:pr0xy-S3cret@proxy.example:21',
  });
  expect(run.exitCode).not.toBe(0);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/HTTPS_PROXY \(or https_proxy\) must be a proxy URL/);
  expect(run.stderr).not.toContain('pr0xy-S3cret');
  expect(run.stderr).not.toMatch(/\n\s+at /);
});
