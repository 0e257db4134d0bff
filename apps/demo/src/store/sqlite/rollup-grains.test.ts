// The half hours, hours and UTC days a refresh merges from the quarters' rows (not from the
// calls) hold exactly what the calls themselves give at that grain.
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { integer, pick, seededRandom } from '@cdr/core/testing';
import { expect, test } from 'vitest';
import { makeCall, temporaryDatabase } from '../../testing/test-calls.ts';
import { rollups, tableOf } from '../report-rollups.ts';
import { Sql } from '../sql.ts';
import { SqliteCallStore } from './sqlite-call-store.ts';

const hourMs = 3_600_000;
const start = Date.parse('2026-11-16T00:00:00Z');

test('every grain of every rollup equals the aggregate of the calls, after writes and a partial refresh', async () => {
  const path = temporaryDatabase();
  const store = SqliteCallStore.open(path);
  const random = seededRandom(26);
  const numbers = ['+919800000001', '+919800000002', '+919800000003'];
  const callAt = (id: string) => {
    const other = {
      kind: 'phone' as const,
      raw: pick(random, numbers),
      phoneNumber: pick(random, numbers),
    };
    const agent = pick(random, ['a1', 'a2', undefined]);
    return makeCall({
      id,
      provider: pick(random, ['telecmi', 'ozonetel']),
      direction: pick(random, ['inbound', 'outbound'] as const),
      status: pick(random, ['answered', 'missed', 'busy', 'failed'] as const),
      startedAt: new Date(start + Math.floor(random() * 3 * 24 * hourMs)),
      from: other,
      ...(agent ? { agent: { id: agent, name: `Agent ${agent}${integer(random, 1, 2)}` } } : {}),
      durations: {
        totalSeconds: integer(random, 1, 600),
        ...(random() < 0.5 ? { talkSeconds: integer(random, 1, 500) } : {}),
        ...(random() < 0.5 ? { ringSeconds: integer(random, 0, 30) } : {}),
      },
      ...(random() < 0.5 ? { cost: { amount: integer(random, 1, 300), currency: 'INR' } } : {}),
    });
  };
  await store.writeSlice({ calls: Array.from({ length: 300 }, (_, index) => callAt(`c${index}`)) });
  await store.refreshFigures();
  // Some calls again, with new outcomes and times: a refresh of some quarters only.
  await store.writeSlice({ calls: Array.from({ length: 40 }, (_, index) => callAt(`c${index}`)) });
  expect(await store.refreshFigures()).toBeGreaterThan(0);
  await store.close();

  const database = new DatabaseSync(path, { readOnly: true });
  const rows = (query: Sql) =>
    database
      .prepare(`SELECT * FROM (${query.text}) ORDER BY 1, 2, 3, 4, 5, 6, 7`)
      .all(...(query.parameters as SQLInputValue[]));
  for (const rollup of rollups) {
    for (const grain of rollup.grains) {
      const kept = rows(
        new Sql(`SELECT ${rollup.columns.join(', ')} FROM ${tableOf(rollup, grain)}`),
      );
      expect(kept.length, tableOf(rollup, grain)).toBeGreaterThan(0);
      expect(kept, tableOf(rollup, grain)).toEqual(rows(rollup.aggregate(new Sql('1 = 1'), grain)));
    }
  }
  database.close();
});
