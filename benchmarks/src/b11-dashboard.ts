// B11: the dashboard over a large database. N calls go straight into SQLite (one prepared
// INSERT, transactions of 100,000: a sync would take far longer and measure nothing more
// here); the triggers mark every day dirty, and the refresh a sync runs at its end computes
// the per-day figures (timed on its own). Then `cdr serve`'s server answers the page: the
// first load adds up the per-day figures, a second load of the same view comes from its
// cache. Also the saved file's size, as `cdr report --html` writes it. Figures only, no
// target: see the notes.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { Call } from '@cdr/core';
import { callRowColumns, toCallRow } from '@cdr/demo/call-row';
import { writeDashboardFile } from '@cdr/demo/dashboard-file';
import { startDashboardServer } from '@cdr/demo/dashboard-server';
import { SqliteCallStore } from '@cdr/demo/sqlite-store';
import { type BenchmarkConfig, type BenchmarkRow, check, format, timed } from './harness.ts';

const days = 90;
const end = Date.parse('2026-11-24T06:30:00Z');

/** A plausible call: 5 accounts, both directions, 70 % answered, 40 agents, recordings. */
function syntheticCall(index: number, calls: number): { call: Call; account: string } {
  const ozonetel = index % 5 === 0;
  const status = index % 10 < 7 ? 'answered' : index % 10 < 9 ? 'missed' : 'busy';
  const number = `+9198${String((index * 7919) % 2_000_000).padStart(8, '0')}`;
  const party = { kind: 'phone' as const, raw: number, phoneNumber: number };
  const own = { kind: 'phone' as const, raw: '+918000000000', phoneNumber: '+918000000000' };
  const inbound = index % 3 !== 0;
  const answered = status === 'answered';
  const call: Call = {
    provider: ozonetel ? 'ozonetel' : 'telecmi',
    id: `b7-${index}`,
    direction: inbound ? 'inbound' : 'outbound',
    status,
    startedAt: new Date(end - Math.floor(((index + 0.5) * days * 86_400_000) / calls)),
    from: inbound ? party : own,
    to: inbound ? own : party,
    ...(answered ? { agent: { id: `agent-${index % 40}`, name: `Agent ${index % 40}` } } : {}),
    durations: {
      totalSeconds: 30 + (index % 400),
      ...(answered ? { talkSeconds: 20 + (index % 380) } : {}),
      ringSeconds: index % 25,
      ...(ozonetel ? {} : { billedSeconds: 60 }),
    },
    ...(ozonetel ? {} : { cost: { amount: 0.5, currency: 'INR' } }),
    ...(answered && ozonetel
      ? { recording: { url: `https://recordings.example.invalid/${index}.mp3` } }
      : {}),
    notes: [],
    // About the size of a provider's record, which the store keeps whole.
    raw: { CallID: `b7-${index}`, Disposition: 'Resolved', Comments: 'x'.repeat(500) },
  } as Call;
  return {
    call,
    account: ozonetel
      ? 'ozonetel'
      : `telecmi:${['rest-user', 'rest-app', 'piopiy-app', 'piopiy-agent'][index % 4]}`,
  };
}

async function fill(path: string, calls: number): Promise<void> {
  await SqliteCallStore.open(path).close();
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;');
  const insert = db.prepare(
    `INSERT INTO calls (${callRowColumns.join(', ')}) VALUES (${callRowColumns.map((column) => `:${column}`).join(', ')})`,
  );
  db.exec('BEGIN');
  for (let index = 0; index < calls; index++) {
    const { call, account } = syntheticCall(index, calls);
    insert.run(toCallRow(call, account, 0) as unknown as Record<string, SQLInputValue>);
    if (index % 100_000 === 99_999) db.exec('COMMIT; BEGIN');
  }
  db.exec('COMMIT');
  db.close();
}

async function get(url: string): Promise<{ ms: number; bytes: number }> {
  let bytes = 0;
  const ms = await timed(async () => {
    const response = await fetch(url);
    check(response.status === 200, `GET ${url} answered ${response.status}`);
    bytes = (await response.arrayBuffer()).byteLength;
  });
  return { ms, bytes };
}

export async function runB11(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  const calls = config.quick ? 20_000 : 1_000_000;
  const label = calls.toLocaleString('en-US');
  const folder = mkdtempSync(join(tmpdir(), 'cdr-bench-b7-'));
  const path = join(folder, 'calls.sqlite');
  try {
    const fillMs = await timed(() => fill(path, calls));
    config.log(
      `B11: ${label} calls filled in ${format.ms(fillMs)}, ${format.mb(statSync(path).size)}`,
    );
    const store = SqliteCallStore.open(path);
    check((await store.countCalls({})) === calls, 'every call stored');
    let refreshedDays = 0;
    const refreshMs = await timed(async () => {
      refreshedDays = await store.refreshFigures();
    });
    check(refreshedDays >= days, `the fill marked ${refreshedDays} days, not every one of ${days}`);
    config.log(`B11: per-day figures of ${refreshedDays} days computed in ${format.ms(refreshMs)}`);
    const server = await startDashboardServer({ store, now: () => new Date(end) });
    try {
      const cold = await get(server.url);
      const warm = await get(server.url);
      const filtered = await get(`${server.url}?provider=ozonetel&direction=inbound`);
      const paged = await get(`${server.url}?callsPage=50&missedPage=50`);
      config.log(
        `B11: first load ${format.ms(cold.ms)}, again ${format.ms(warm.ms)}, filtered ${format.ms(filtered.ms)}, pages 51 ${format.ms(paged.ms)}; ${cold.bytes} bytes`,
      );
      const file = join(folder, 'dashboard.html');
      const fileMs = await timed(async () => {
        const figures = await store.reportFigures({ breakdown: { listRows: 500 } });
        await writeDashboardFile(file, figures, { generatedAt: new Date(end), location: path });
      });
      const fileBytes = statSync(file).size;
      config.log(`B11: saved file ${format.mb(fileBytes)} in ${format.ms(fileMs)}`);
      // A sync's usual refresh: 1,000 calls of the last day written again with another
      // outcome, then that day (and the days of the missed calls they may return) recomputed.
      const resynced = Array.from({ length: 1_000 }, (_, index) => {
        const { call } = syntheticCall(index, calls);
        return { ...call, status: call.status === 'answered' ? 'missed' : 'answered' } as Call;
      });
      await store.writeSlice({ calls: resynced });
      let syncDays = 0;
      const syncRefreshMs = await timed(async () => {
        syncDays = await store.refreshFigures();
      });
      config.log(
        `B11: after 1,000 calls written again, ${syncDays} ${syncDays === 1 ? 'day' : 'days'} refreshed in ${format.ms(syncRefreshMs)}`,
      );
      return [
        {
          id: 'B11',
          what: `the sync's end-of-run refresh after ${label} calls: per-day figures of ${refreshedDays} IST days from the calls`,
          figure: format.ms(refreshMs),
          baseline: `${format.ms(fillMs)} (the fill: ${label} INSERTs, the triggers marking days)`,
          ratio: format.ratio(refreshMs / fillMs),
          target: 'n/a',
          met: 'n/a',
        },
        {
          id: 'B11',
          what: `the refresh after a sync of 1,000 calls of the last day (new outcomes), ${label} calls stored: ${syncDays} ${syncDays === 1 ? 'day' : 'days'} recomputed`,
          figure: format.ms(syncRefreshMs),
          baseline: `${format.ms(refreshMs)} (every day, after the fill)`,
          ratio: format.ratio(syncRefreshMs / refreshMs),
          target: 'n/a',
          met: 'n/a',
        },
        {
          id: 'B11',
          what: `cdr serve, ${label} calls in SQLite: the page's first load (per-day figures added up)`,
          figure: format.ms(cold.ms),
          baseline: `${format.ms(warm.ms)} (the same page again, from the cache)`,
          ratio: format.ratio(cold.ms / warm.ms),
          target: 'n/a',
          met: 'n/a',
        },
        {
          id: 'B11',
          what: `cdr serve, ${label} calls: another filter's first load (provider and direction); page 51 of both lists`,
          figure: format.ms(filtered.ms),
          baseline: `${format.ms(paged.ms)} (page 51)`,
          ratio: format.ratio(filtered.ms / cold.ms),
          target: 'n/a',
          met: 'n/a',
        },
        {
          id: 'B11',
          what: `the dashboard's size, ${label} calls: served page; saved file (report --html, with its filterable breakdown)`,
          figure: `${Math.round(cold.bytes / 1024)} KB`,
          baseline: `${Math.round(fileBytes / 1024)} KB (saved file, written in ${format.ms(fileMs)})`,
          ratio: format.ratio(cold.bytes / fileBytes),
          target: 'n/a',
          met: 'n/a',
        },
      ];
    } finally {
      await server.close();
      await store.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
