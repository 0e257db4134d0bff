import { expect, test } from 'vitest';
import { minimumNodeVersion, nodeVersionProblem } from './node-version.js';

test.each(['22.19.0', '22.20.1', '23.0.0', '24.11.0', '30.0.0'])(
  'Node.js %s runs cdr',
  (version) => {
    expect(nodeVersionProblem(version)).toBeUndefined();
  },
);

test.each(['22.18.9', '20.20.2', '18.0.0', '21.99.0'])(
  'Node.js %s is told which it needs',
  (version) => {
    expect(nodeVersionProblem(version)).toBe(
      `cdr needs Node.js ${minimumNodeVersion} or later; this is Node.js ${version}. Install a current Node.js (https://nodejs.org) or run it through a version manager.`,
    );
  },
);

test('the minimum is the one package.json declares', async () => {
  const { readFile } = await import('node:fs/promises');
  const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
  expect(manifest.engines.node).toBe(`>=${minimumNodeVersion}`);
});
