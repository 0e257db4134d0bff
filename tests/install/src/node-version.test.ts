// On a Node.js older than the packages need (20, end of life, still many machines' system
// Node), the libraries and the tool say which is needed instead of crashing inside undici
// or answering `No such built-in module: node:sqlite`. Node 20 comes from the npm registry's
// `node@20` package, as a user's version manager would bring it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'cdr-node20-'));
const node20 = join(scratch, 'node_modules', '.bin', 'node');
const cleanEnvironment = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_)/i.test(key)),
);
const message = /^cdr needs Node\.js 22\.19\.0 or later; this is Node\.js 20\.\d+\.\d+\./;

/** Runs Node 20 with `args` from `cwd`; resolves with its exit code and output, whatever it is. */
async function onNode20(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(node20, args, {
      cwd,
      env: { PATH: process.env.PATH ?? '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  await run(
    'npm',
    [
      'install',
      '--prefix',
      scratch,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      'node@20',
    ],
    { env: cleanEnvironment },
  );
  expect((await run(node20, ['--version'])).stdout).toMatch(/^v20\./);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test.each([
  ['@cdr/core', 'import', 'packages/core'],
  ['@cdr/twilio', 'import', 'packages/twilio'],
  ['@cdr/telecmi', 'require', 'packages/telecmi'],
  ['@cdr/exotel/testing', 'import', 'packages/exotel'],
])('%s (%s) says which Node.js it needs', async (name, how, folder) => {
  const script =
    how === 'import'
      ? `import(${JSON.stringify(name)}).then(() => console.log('loaded'), (error) => console.log(error.message))`
      : `try { require(${JSON.stringify(name)}); console.log('loaded') } catch (error) { console.log(error.message) }`;
  // From the package's own folder its name resolves to its built entry, as from an app's.
  const result = await onNode20(['-e', script], join(root, folder));
  expect(result.stdout).toMatch(message);
});

test('the cdr tool answers every command with one line naming the Node.js it needs', async () => {
  for (const args of [['status'], ['calls', '--json'], ['--version']]) {
    const result = await onNode20([join(root, 'apps/demo/dist/cdr.js'), ...args], scratch);
    expect(result.code, args.join(' ')).toBe(1);
    expect(result.stdout, args.join(' ')).toBe('');
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.stderr.replace(/^error: /, '')).toMatch(message);
  }
});
