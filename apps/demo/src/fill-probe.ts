import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { Call } from '@cdr/core';
import { callRowColumns, toCallRow } from '/work/main/apps/demo/src/store/call-row.ts';
import { SqliteCallStore } from '/work/main/apps/demo/src/store/sqlite/sqlite-call-store.ts';

const path = process.argv[2]!;
const n = Number(process.argv[3]);
(await SqliteCallStore.open(path)).close();
const db = new DatabaseSync(path);
db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
const insert = db.prepare(
  `INSERT INTO calls (${callRowColumns.join(', ')}) VALUES (${callRowColumns.map((c) => `:${c}`).join(', ')})`,
);
const end = Date.parse('2026-11-24T06:30:00Z');
const days = 90;
let t = performance.now();
db.exec('BEGIN');
for (let i = 0; i < n; i++) {
  const started = new Date(end - Math.floor(((i + 0.5) * days * 86_400_000) / n));
  const status = i % 10 < 7 ? 'answered' : i % 10 < 9 ? 'missed' : 'busy';
  const direction = i % 3 === 0 ? 'outbound' : 'inbound';
  const number = `+9198${String((i * 7919) % 100_000_000).padStart(8, '0')}`;
  const call: Call = {
    provider: i % 5 === 0 ? 'ozonetel' : 'telecmi',
    id: `c${i}`,
    direction,
    status,
    startedAt: started,
    from: { kind: 'phone', raw: number, phoneNumber: number },
    to: { kind: 'phone', raw: '+918000000000', phoneNumber: '+918000000000' },
    agent: status === 'answered' ? { id: `agent-${i % 40}`, name: `Agent ${i % 40}` } : undefined,
    durations: {
      totalSeconds: 60 + (i % 300),
      talkSeconds: status === 'answered' ? 50 + (i % 280) : undefined,
      ringSeconds: i % 20,
    },
    cost: i % 5 === 0 ? undefined : { amount: 0.5, currency: 'INR' },
    recording: status === 'answered' ? { url: `https://r.invalid/${i}.mp3` } : undefined,
    notes: [],
    raw: { CallID: `c${i}`, filler: 'x'.repeat(600) },
  } as Call;
  insert.run(
    toCallRow(call, i % 5 === 0 ? 'ozonetel' : `telecmi:acct-${i % 4}`, 0) as unknown as Record<
      string,
      SQLInputValue
    >,
  );
  if (i % 100_000 === 99_999) {
    db.exec('COMMIT');
    db.exec('BEGIN');
  }
}
db.exec('COMMIT');
db.close();
console.log('fill ms', performance.now() - t);
const store = SqliteCallStore.open(path);
for (let r = 0; r < 3; r++) {
  t = performance.now();
  const f = await store.reportFigures({ top: 10 });
  console.log('report ms', performance.now() - t, f.unreturnedMissed.count);
}
t = performance.now();
await store.countCalls({});
console.log('count ms', performance.now() - t);
t = performance.now();
await store.listCalls({}, { limit: 20 });
console.log('list ms', performance.now() - t);
