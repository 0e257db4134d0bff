import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { cli, temporaryDatabase } from '../testing/test-support.ts';

let database: string;
beforeAll(async () => {
  database = temporaryDatabase();
  const demo = await cli(
    ['--db', database, '--quiet', 'demo'],
    {},
    { simulation: { calls: 60, days: 2, latencyMs: 0 } },
  );
  expect(demo.exitCode, demo.stderr).toBe(0);
});

test('report --html: standard output stays the report, the file is the page, its path on standard error', async () => {
  const text = await cli(['--db', database, 'report'], {});
  const file = join(dirname(database), 'report.html');
  const html = await cli(['--db', database, 'report', '--html', file], {});
  expect(html).toEqual({
    exitCode: 0,
    stdout: text.stdout,
    stderr: `Dashboard written to ${file}\n`,
  });
  const page = readFileSync(file, 'utf8');
  expect(page).toMatch(/^<!doctype html>/);
  // Self-contained: nothing to fetch, and a policy that forbids fetching anything.
  expect(page).not.toMatch(/<(?:link|img|iframe)\b|\bsrc=/);
  expect(page).toContain("default-src 'none'");
  expect(page).toContain('<script type="application/json" id="dashboard-data">');
  // --quiet: the report alone; --json: the figures without the file's breakdown.
  expect((await cli(['--db', database, '--quiet', 'report', '--html', file], {})).stderr).toBe('');
  const json = await cli(['--db', database, 'report', '--json', '--html', file], {});
  expect(JSON.parse(json.stdout)).not.toHaveProperty('breakdown');
});

test('report --html into a folder that does not exist: one line, exit 1, nothing left behind', async () => {
  const folder = join(dirname(database), 'missing');
  const run = await cli(['--db', database, 'report', '--html', join(folder, 'report.html')], {});
  expect(run.exitCode).toBe(1);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^error: .*missing/);
  expect(existsSync(folder)).toBe(false);
  expect(readdirSync(dirname(database)).filter((name) => name.includes('partial'))).toEqual([]);
  const empty = await cli(['--db', database, 'report', '--html', ''], {});
  expect(empty.stderr).toBe('error: --html is empty: give the file to write\n');
});
