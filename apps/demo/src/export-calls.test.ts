import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCall } from '@cdr/core';
import { afterEach, expect, test } from 'vitest';
import { CallStore } from './call-store.ts';
import { csvField } from './export-calls.ts';
import {
  cli,
  makeCall,
  startTestWorld,
  type TestWorld,
  temporaryDatabase,
} from './test-support.ts';

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

test('csvField quotes what needs quoting', () => {
  expect(csvField('plain')).toBe('plain');
  expect(csvField('a,b')).toBe('"a,b"');
  expect(csvField('say "hi"')).toBe('"say ""hi"""');
  expect(csvField('two\nlines')).toBe('"two\nlines"');
  expect(csvField(12.5)).toBe('12.5');
  expect(csvField(undefined)).toBe('');
});

test('NDJSON export reads back into exactly the stored calls; CSV has a row per call', async () => {
  world = await startTestWorld({ telecmi: { calls: 200 } });
  const database = temporaryDatabase();
  expect((await cli(['--db', database, 'sync', '--initial', '4d'], world.env)).exitCode).toBe(0);
  const ucids = world.ozonetel
    .calls()
    .slice(0, 5)
    .map((call) => call.ucid);
  expect((await cli(['--db', database, 'lookup', ...ucids], world.env)).exitCode).toBe(0);

  const store = CallStore.open(database);
  const stored = [...store.iterateCalls()];
  store.close();
  expect(stored.length).toBeGreaterThan(100);
  expect(stored.some((call) => call.provider === 'ozonetel')).toBe(true);

  const out = join(database, '..', 'calls.ndjson');
  expect(
    (await cli(['--db', database, 'export', '--format', 'ndjson', '--out', out], {})).exitCode,
  ).toBe(0);
  const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
  expect(lines.map((line) => parseCall(JSON.parse(line)))).toEqual(stored);

  const csv = await cli(
    ['--db', database, 'export', '--format', 'csv', '--provider', 'telecmi'],
    {},
  );
  expect(csv.exitCode).toBe(0);
  const rows = csv.stdout.trimEnd().split('\r\n');
  expect(rows[0]).toMatch(/^provider,id,started_at,/);
  expect(rows.length - 1).toBe(stored.filter((call) => call.provider === 'telecmi').length);

  const bad = await cli(['--db', database, 'export', '--format', 'xml'], {});
  expect(bad.exitCode).toBe(1);
  expect(bad.stderr).toContain("argument 'xml' is invalid");
});

test('an export onto a full disk or into a folder says so in one line naming the file', async () => {
  const database = temporaryDatabase();
  const store = CallStore.open(database);
  store.upsert([makeCall({ id: 'a' })]);
  store.close();
  // /dev/full answers every write with ENOSPC: a full disk without filling one.
  const full = await cli(['--db', database, 'export', '--format', 'csv', '--out', '/dev/full'], {});
  expect(full.exitCode).toBe(1);
  expect(full.stderr).toBe('error: disk full writing /dev/full\n');
  const folder = join(database, '..');
  const intoFolder = await cli(
    ['--db', database, 'export', '--format', 'csv', '--out', folder],
    {},
  );
  expect(intoFolder.exitCode).toBe(1);
  expect(intoFolder.stderr).toBe(`error: cannot write ${folder}: it is a folder\n`);
});
