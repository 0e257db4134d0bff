// `./cdr` in a clone decides by content whether its bundle is stale: a source whose time
// stamp moved without its content changing (a `touch`, a branch switched and back) costs no
// build and prints nothing; the answer is the command's alone.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const wrapper = join(root, 'cdr');

test('a source touched but unchanged does not rebuild the bundle', async () => {
  // The first run builds if it must, and records what the bundle is made of.
  await run(wrapper, ['--version'], { cwd: root });
  expect(existsSync(join(root, 'apps/demo/dist/.sources.sha1'))).toBe(true);
  const version = JSON.parse(readFileSync(join(root, 'apps/demo/package.json'), 'utf8')).version;
  const touched = join(root, 'packages/core/src/call.ts');
  const now = new Date();
  utimesSync(touched, now, now);
  const { stdout, stderr } = await run(wrapper, ['--version'], { cwd: root });
  expect(stdout.trim()).toBe(version);
  expect(stderr).toBe('');
});
