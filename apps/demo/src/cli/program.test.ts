import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callDirections, callStatuses } from '@cdr/core';
import { expect, test } from 'vitest';
import { cli, temporaryDatabase } from '../testing/test-support.ts';
import { version } from './program.ts';
import { directionChoices, statusChoices } from './shared-flags.ts';

const commands = [
  'sync',
  'calls',
  'export',
  'report',
  'check',
  'status',
  'state reset',
  'receive',
  'lookup',
  'demo',
  'completion',
];

test('--help on every command: usage, examples, and the exit codes on the program’s', async () => {
  for (const command of commands) {
    const run = await cli([...command.split(' '), '--help'], {});
    expect(run.exitCode, command).toBe(0);
    expect(run.stdout, command).toContain(`Usage: cdr ${command}`);
    expect(run.stdout, command).toMatch(/\nExamples:\n {2}\$ cdr /);
    expect(run.stderr).toBe('');
  }
  const program = await cli(['--help'], {});
  expect(program.stdout).toContain('Exit codes:\n  0  done\n  1  a usage or local error');
  expect(program.stdout).toContain('3  partial success');
  expect((await cli(['--version'], {})).stdout).toBe(`${version}\n`);
});

test('--version is the version in the app’s package.json, not one written in the code', () => {
  const packageJson = JSON.parse(
    readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'),
  ) as { version: string };
  expect(version).toBe(packageJson.version);
});

test('bad flags and values: one line naming the flag, exit 1, nothing on stdout', async () => {
  const cases: [string[], RegExp][] = [
    [['calls', '--status', 'maybe'], /argument 'maybe' is invalid. Allowed choices are answered/],
    [['calls', '--from', 'yesterday'], /option '--from <when>' argument 'yesterday' is invalid/],
    [['calls', '--limit', '0'], /whole number from 1 to 9007199254740991/],
    // Not rounded to 1e20 and handed to the database.
    [['calls', '--limit', '99999999999999999999'], /'--limit <count>' .*whole number from 1 to/],
    [['calls', '--offset', '99999999999999999999'], /'--offset <count>' .*whole number from 1 to/],
    [['calls', '--colour'], /unknown option '--colour'/],
    [['sync', '--lookback', '2 hours'], /number and a unit/],
    [['sync', '--slice', '0s'], /longer than zero/],
    [['export', '--format', 'xml'], /argument 'xml' is invalid/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['completion', 'fish'], /no completion for "fish": use bash or zsh/],
    // Renamed flags: one name each for accounts at once and for which accounts.
    [
      ['worker', '--concurrency', '8'],
      /'--concurrency <value>' .* --concurrency is now --parallel\.$/,
    ],
    [['quarantine', 'retry', '--account', 'twilio:main'], /--account is now --provider\.$/],
    [['lookup', '--account', 'ozonetel'], /--account is now --provider\.$/],
  ];
  for (const [args, message] of cases) {
    const run = await cli(['--db', temporaryDatabase(), ...args], {});
    expect(run.exitCode, args.join(' ')).toBe(1);
    expect(run.stderr.split('\n')[0], args.join(' ')).toMatch(message);
    expect(run.stdout, args.join(' ')).toBe('');
  }
});

test('--db from CDR_DB, relative to where the user stands; an empty one is refused', async () => {
  const here = mkdtempSync(join(tmpdir(), 'cdr-cwd-'));
  const run = await cli(['calls'], { CDR_DB: 'here.sqlite' }, { cwd: here });
  expect(run.stderr).toBe(
    `error: there is no database at ${join(here, 'here.sqlite')}: run \`cdr sync\` first, or give the right --db\n`,
  );
  expect((await cli(['--db', '', 'calls'], {})).stderr).toBe(
    'error: --db is empty: give a file or a postgres:// URL\n',
  );
  expect((await cli(['calls'], { CDR_DB: ' ' })).stderr).toBe('error: CDR_DB is empty\n');
});

test('bash completion completes commands, subcommands and each command’s flags', async () => {
  const script = (await cli(['completion', 'bash'], {})).stdout;
  const file = join(mkdtempSync(join(tmpdir(), 'cdr-completion-')), 'cdr.bash');
  writeFileSync(file, script);
  const complete = (line: string) => {
    const words = line.split(' ');
    const program = `source ${file}; COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _cdr; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return execFileSync('bash', ['-c', program], { encoding: 'utf8' }).trim().split('\n');
  };
  expect(complete('cdr sy')).toEqual(['sync']);
  expect(complete('cdr state ')).toContain('reset');
  expect(complete('cdr sync --pa')).toEqual(['--parallel']);
  // A flag's value is not a command: the flags after it are still sync's.
  expect(complete('cdr sync --from 2h --look')).toEqual(['--lookback']);
  expect(complete('cdr calls --st')).toEqual(['--status']);
  const zsh = await cli(['completion', 'zsh'], {});
  expect(zsh.stdout).toMatch(/^#compdef cdr\n/);
});

test('the direction and status choices are the Call model’s', () => {
  expect(directionChoices).toEqual(callDirections);
  expect(statusChoices).toEqual(callStatuses);
});

test('receive --help names every provider it serves or none: no list that goes stale', async () => {
  const { providerDescriptors } = await import('../accounts/provider-registry.ts');
  const help = (await cli(['receive', '--help'], {})).stdout.toLowerCase();
  const named = providerDescriptors.filter((descriptor) =>
    help.includes(descriptor.provider.toLowerCase()),
  );
  expect([0, providerDescriptors.length]).toContain(named.length);
});
