// A SQLite store filled with synthetic calls, as fast as the store's own schema takes them
// (one INSERT per call, 100,000 a transaction): the database B11's dashboard and B12's
// start-up answer from.
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { Call } from '@cdr/core';
import { callRowColumns, toCallRow } from '@cdr/demo/call-row';
import { SqliteCallStore } from '@cdr/demo/sqlite-store';

/** The days the calls are spread over, ending at `syntheticEnd`. */
export const syntheticDays = 90;
export const syntheticEnd = Date.parse('2026-11-24T06:30:00Z');

/** A plausible call: 5 accounts, both directions, 70 % answered, 40 agents, recordings. */
export function syntheticCall(index: number, calls: number): { call: Call; account: string } {
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
    startedAt: new Date(
      syntheticEnd - Math.floor(((index + 0.5) * syntheticDays * 86_400_000) / calls),
    ),
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

/** Writes `calls` synthetic calls into a new store at `path` (figures not yet refreshed). */
export async function fillSyntheticStore(path: string, calls: number): Promise<void> {
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
