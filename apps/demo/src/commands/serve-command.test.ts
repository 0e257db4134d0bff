import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { formatCount } from '../dashboard/render-dashboard-body.ts';
import { openCallStore } from '../store/open-call-store.ts';
import { createTestDatabase } from '../testing/postgres-test-server.ts';
import { cli, makeCall, startCli, temporaryDatabase, testNow } from '../testing/test-support.ts';

const simulation = { calls: 120, days: 3, latencyMs: 0 };
let sqlite: string;
let postgres: { url: string; drop(): Promise<void> };

beforeAll(async () => {
  sqlite = temporaryDatabase();
  postgres = await createTestDatabase(inject('postgresAdminUrl'));
  for (const database of [sqlite, postgres.url]) {
    const run = await cli(['--db', database, '--quiet', 'demo'], {}, { simulation });
    expect(run.exitCode, run.stderr).toBe(0);
  }
}, 120_000);
afterAll(() => postgres?.drop());

/** The calls card of a served page. */
const callsShown = (html: string) =>
  /data-total="calls"><div class="label">Calls<\/div><div class="value">([^<]+)</.exec(html)?.[1];

/** Reads server-sent events until `accept` takes one; resolves with its data. */
async function nextEvent(
  url: string,
  accept: (data: string) => boolean,
  signal: AbortSignal,
): Promise<string> {
  const response = await fetch(url, { signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('the event stream ended');
    buffer += value;
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
      buffer = buffer.slice(end + 2);
      if (data !== undefined && accept(data)) {
        await reader.cancel();
        return data;
      }
    }
  }
}

for (const kind of ['SQLite', 'PostgreSQL'] as const) {
  test(`serves the dashboard of a ${kind} database: the report's figures, filters, and an event when calls land`, async () => {
    const database = kind === 'SQLite' ? sqlite : postgres.url;
    const running = startCli(['--db', database, 'serve', '--port', '0'], {});
    const [, url] = await running.printed(/ at (http:\/\/\S+)/);
    try {
      const store = await openCallStore(database);
      const all = await store.reportFigures({});
      const page = await fetch(url!);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await page.text();
      expect(callsShown(html)).toBe(
        formatCount(all.providers.reduce((sum, row) => sum + row.calls, 0)),
      );
      for (const row of all.providers)
        expect(html).toContain(
          `<tr data-provider="${row.provider}"><th scope="row">${row.provider}</th><td>${formatCount(row.calls)}</td>`,
        );

      const filtered = await (await fetch(`${url}?provider=ozonetel&direction=inbound`)).text();
      const inbound = await store.reportFigures({ providers: ['ozonetel'], direction: 'inbound' });
      expect(callsShown(filtered)).toBe(formatCount(inbound.providers[0]!.calls));

      const stop = new AbortController();
      const first = await nextEvent(`${url}events`, () => true, stop.signal);
      const changed = nextEvent(`${url}events`, (version) => version !== first, stop.signal);
      await store.writeSlice({
        calls: [makeCall({ id: `landed-${kind}`, startedAt: testNow, provider: 'telecmi' })],
      });
      const version = await changed;
      stop.abort();
      const fragment = await fetch(`${url}fragment`);
      expect(fragment.headers.get('x-dashboard-version')).toBe(version);
      expect(callsShown(await fragment.text())).toBe(
        formatCount(all.providers.reduce((sum, row) => sum + row.calls, 0) + 1),
      );
      await store.close();
    } finally {
      const run = await running.stop();
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /^Dashboard of .* at http:\/\/127\.0\.0\.1:\d+\/\nCtrl-C to stop\.\n$/,
      );
    }
  });
}

test('a bad filter is a 400 naming the parameter; another host name, a 403; another path, a 404', async () => {
  const running = startCli(['--db', sqlite, 'serve', '--port', '0'], {});
  const [, url] = await running.printed(/ at (http:\/\/\S+)/);
  try {
    const bad = await fetch(`${url}?from=2026-02-30`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe(
      'Bad request: from: use a date such as 2026-11-20, not "2026-02-30"\n',
    );
    expect((await fetch(`${url}?direction=sideways`)).status).toBe(400);
    expect((await fetch(`${url}?from=2026-11-24&to=2026-11-20`)).status).toBe(400);
    expect((await fetch(`${url}nothing-here`)).status).toBe(404);
    // A page of another site whose name resolves to 127.0.0.1 (DNS rebinding) is refused.
    const { request } = await import('node:http');
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const sent = request(`${url}`, { headers: { host: 'attacker.example' } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      sent.on('error', reject);
      sent.end();
    });
    expect(status).toBe(403);
  } finally {
    await running.stop();
  }
});

test('listening beyond loopback warns that anyone reaching it sees the calls', async () => {
  const running = startCli(['--db', sqlite, 'serve', '--host', '0.0.0.0', '--port', '0'], {});
  await running.printed(/ at http/);
  const run = await running.stop();
  expect(run.exitCode).toBe(0);
  expect(run.stderr).toContain('warning: listening on 0.0.0.0, reachable from the network');
});

test('a busy port, a bad flag and a missing database: one line each, exit 1, nothing on stdout', async () => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as { port: number };
  try {
    const busy = await cli(['--db', sqlite, 'serve', '--port', String(port)], {});
    expect(busy).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: `error: cannot listen on 127.0.0.1:${port}: the address is already in use (another cdr serve running?)\n`,
    });
  } finally {
    await new Promise((resolve) => holder.close(resolve));
  }
  const flag = await cli(['--db', sqlite, 'serve', '--port', '70000'], {});
  expect(flag.exitCode).toBe(1);
  expect(flag.stderr).toMatch(/^error: option '--port <port>' argument '70000' is invalid/);
  const missing = await cli(['--db', '/nonexistent/cdr.sqlite', 'serve'], {});
  expect(missing.exitCode).toBe(1);
  expect(missing.stderr).toMatch(/^error: there is no database at \/nonexistent\/cdr\.sqlite/);
});
