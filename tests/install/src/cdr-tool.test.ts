// The cdr tool installed as a user installs it: the app packed with pnpm pack and installed
// globally with npm into a scratch prefix, with nothing from the workspace around it. The
// package is one bundle, so the install downloads nothing; the installed `cdr` then runs
// the demo against the simulators it carries.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pnpmPack } from './testing/pnpm-pack.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'cdr-global-'));
const prefix = join(scratch, 'prefix');
const home = join(scratch, 'home');
const cleanEnvironment = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_)/i.test(key)),
);

const cdr = (...args: string[]) =>
  run(join(prefix, 'bin', 'cdr'), args, {
    cwd: scratch,
    env: { PATH: process.env.PATH ?? '', HOME: home },
    maxBuffer: 16 * 1024 * 1024,
  });

beforeAll(async () => {
  mkdirSync(home);
  const tarball = await pnpmPack(join(root, 'apps', 'demo'), scratch);
  const manifest = JSON.parse(readFileSync(join(root, 'apps', 'demo', 'package.json'), 'utf8')) as {
    dependencies?: object;
  };
  // Nothing for npm to fetch: every dependency is inside the bundle.
  expect(manifest.dependencies ?? {}).toEqual({});
  await run(
    'npm',
    [
      'install',
      '--global',
      '--prefix',
      prefix,
      '--offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      tarball,
    ],
    {
      env: cleanEnvironment,
    },
  );
}, 180_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('the installed cdr prints its version and help', async () => {
  const version = await cdr('--version');
  expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  expect((await cdr('--help')).stdout).toContain('Usage: cdr [options] [command]');
});

test('the installed cdr runs the demo against its simulators, and its output parses', async () => {
  const demo = await cdr('--quiet', 'demo');
  expect(demo.stdout).toContain('Busiest agents');
  const calls = await cdr(
    '--db',
    join(home, '.local', 'share', 'cdr', 'demo.sqlite'),
    'calls',
    '--json',
    '--limit',
    '3',
  );
  const document = JSON.parse(calls.stdout) as { total: number; calls: unknown[] };
  expect(document.total).toBeGreaterThan(1000);
  expect(document.calls).toHaveLength(3);
}, 120_000);
