// The root README's package table names every provider package of the workspace (found as
// the registry finds them), so a new provider cannot ship without its row.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { workspaceProviders } from './testing/workspace-providers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

test("the root README's package table has a row for every provider package", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((line) => line.startsWith('| [`@cdr/'));
  const providers = workspaceProviders(root);
  expect(providers.length).toBeGreaterThan(0);
  const missing = providers.filter(
    (provider) =>
      !rows.some((row) => row.startsWith(`| [\`${provider.name}\`](packages/${provider.folder})`)),
  );
  expect(missing.map((provider) => provider.name)).toEqual([]);
});
