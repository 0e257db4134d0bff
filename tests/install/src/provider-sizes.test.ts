// CONTRIBUTING.md's "What a provider took" is counted, not remembered: this test renders the
// table from the provider packages and fails when the committed one differs (a provider
// added, or one grown or shrunk). Paste the table from the failure between the markers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { providerSize, renderProviderSizes } from './testing/provider-sizes.js';
import { workspaceProviders } from './testing/workspace-providers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const start = '<!-- provider-sizes:start (tests/install/src/provider-sizes.test.ts) -->';
const end = '<!-- provider-sizes:end -->';

test("CONTRIBUTING.md's table of what each provider took is up to date", () => {
  const guide = readFileSync(join(root, 'CONTRIBUTING.md'), 'utf8');
  const from = guide.indexOf(start);
  const to = guide.indexOf(end);
  expect(from, `CONTRIBUTING.md has no ${start}`).toBeGreaterThanOrEqual(0);
  expect(to, `CONTRIBUTING.md has no ${end}`).toBeGreaterThan(from);
  const providers = workspaceProviders(root);
  expect(providers.length).toBeGreaterThan(0);
  const table = renderProviderSizes(
    providers.map((provider) =>
      providerSize(provider.name, join(root, 'packages', provider.folder)),
    ),
  );
  expect(guide.slice(from + start.length, to).trim()).toBe(table);
});
