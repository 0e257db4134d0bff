// CONTRIBUTING.md's "What a provider took" is counted, not remembered: `./pnpmw
// generate:registry` writes it between its markers (scripts/provider-sizes.ts), and this test
// fails when the committed table differs from what the provider packages count today (a
// provider added, or one grown or shrunk since the generator last ran).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import {
  contributingPath,
  providerSize,
  providerSizesMarkers,
  renderContributing,
} from '../../../scripts/provider-sizes.ts';
import { workspaceProviders } from './testing/workspace-providers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

test("CONTRIBUTING.md's table of what each provider took is up to date (else: ./pnpmw generate:registry)", () => {
  const guide = readFileSync(join(root, contributingPath), 'utf8');
  const providers = workspaceProviders(root);
  expect(providers.length).toBeGreaterThan(0);
  const sizes = providers.map((provider) =>
    providerSize(provider.name, join(root, 'packages', provider.folder)),
  );
  expect(guide).toBe(renderContributing(guide, sizes));
  expect(guide).toContain(providerSizesMarkers.end);
  // A provider grown by a line is a different table.
  const [first, ...rest] = sizes;
  expect(
    renderContributing(guide, [{ ...first!, sourceLines: first!.sourceLines + 1 }, ...rest]),
  ).not.toBe(guide);
});
