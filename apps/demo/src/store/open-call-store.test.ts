// `--db` values no store can open fail at once, in one line, and create nothing.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { endOf, spawnCdr } from '../testing/cdr-process.ts';
import { cli } from '../testing/test-support.ts';

/** The real process: a hang would stop an in-process test for good, so it runs apart and is killed. */
async function cdr(args: readonly string[]) {
  const child = spawnCdr(args, { stdout: 'ignore' });
  let killed = false;
  // Far beyond what failing takes (a few hundred ms); SIGKILL, since the hang ignored SIGTERM.
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, 15_000);
  const { code, stderr } = await endOf(child);
  clearTimeout(timer);
  return { code, stderr, killed };
}

test.each([
  ['sync', 'error: cannot write /proc/nope/calls.sqlite: its folder does not exist\n'],
  [
    'status',
    'error: there is no database at /proc/nope/calls.sqlite: run `cdr sync` first, or give the right --db\n',
  ],
])(
  '--db on a path that cannot be created (/proc/nope/…): %s fails at once, one line',
  async (command, says) => {
    const ended = await cdr(['--db', '/proc/nope/calls.sqlite', '-q', command]);
    expect(ended).toEqual({ code: 1, stderr: says, killed: false });
  },
);

test('an unknown URL scheme is an error naming the schemes served, and makes no folder', async () => {
  const here = mkdtempSync(join(tmpdir(), 'cdr-here-'));
  for (const command of ['sync', 'status', 'calls']) {
    const run = await cli(['--db', 'mysql://cdr:hunter2@db/cdr', command], {}, { cwd: here });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      'error: cdr cannot store calls in a mysql:// database: give a postgres:// (or postgresql://) URL, or a SQLite file path\n',
    );
  }
  expect(readdirSync(here)).toEqual([]);
});

test('read-only commands never create a database: a missing file is an error naming it', async () => {
  const here = mkdtempSync(join(tmpdir(), 'cdr-here-'));
  for (const command of [
    ['status'],
    ['status', '--json'],
    ['calls'],
    ['report'],
    ['export', '--format', 'csv'],
  ]) {
    const run = await cli(['--db', 'typo.sqlite', ...command], {}, { cwd: here });
    expect(run.exitCode, command.join(' ')).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `error: there is no database at ${join(here, 'typo.sqlite')}: run \`cdr sync\` first, or give the right --db\n`,
    );
  }
  expect(existsSync(join(here, 'typo.sqlite'))).toBe(false);
});
