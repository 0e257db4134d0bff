// `cdr --version` from the bundle that is packed and installed: the version in the app's
// package.json when it was built (tsup inlines it), not one written in the code.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const run = promisify(execFile);
const demo = fileURLToPath(new URL('../../../apps/demo/', import.meta.url));

test('the built cdr prints the version of apps/demo/package.json', async () => {
  const { version } = JSON.parse(readFileSync(`${demo}package.json`, 'utf8')) as {
    version: string;
  };
  const { stdout } = await run(process.execPath, [`${demo}dist/cdr.js`, '--version']);
  expect(stdout).toBe(`${version}\n`);
});
