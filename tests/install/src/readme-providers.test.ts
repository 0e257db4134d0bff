// The root README's package table has a row per provider package, generated from its
// package.json `description` (scripts/readme-providers.ts, written by
// `./pnpmw generate:registry`): the committed table must be what the packages say today, so a
// new provider cannot ship without its row, nor a description change without the README.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { otherPackages, providerPackages } from '../../../scripts/provider-registry.ts';
import { readmePath, readmeRow, renderReadme } from '../../../scripts/readme-providers.ts';
import { workspaceProviders } from './testing/workspace-providers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const readme = () => readFileSync(join(root, readmePath), 'utf8');

test("the root README's package table is the one the packages describe (else: ./pnpmw generate:registry)", () => {
  const text = readme();
  expect(text).toBe(renderReadme(text, providerPackages(root), otherPackages(root)));
  // A row for every provider the install tests cover, with what npm shows for it.
  const providers = workspaceProviders(root);
  expect(providers.length).toBeGreaterThan(0);
  for (const provider of providers) {
    const manifest = JSON.parse(
      readFileSync(join(root, 'packages', provider.folder, 'package.json'), 'utf8'),
    );
    expect(text).toContain(`\n${readmeRow({ ...provider, description: manifest.description })}\n`);
  }
});

test('the rows follow the packages: one added, one gone, a description changed', () => {
  const text = readme();
  const packages = providerPackages(root);
  const others = otherPackages(root);
  const [first, ...rest] = packages;
  const added = { folder: 'hello-pbx', name: '@cdr/hello-pbx', description: 'Hello PBX: calls' };
  const grown = renderReadme(text, [...packages, added], others);
  expect(grown).toContain('\n| [`@cdr/hello-pbx`](packages/hello-pbx) | Hello PBX: calls |\n');
  // Rendered again without it, its row goes: the file is as committed.
  expect(renderReadme(grown, packages, others)).toBe(text);
  expect(renderReadme(text, rest, others)).not.toContain(`[\`${first!.name}\`]`);
  const changed = renderReadme(text, [{ ...first!, description: 'a | b' }, ...rest], others);
  expect(changed).toContain(`(packages/${first!.folder}) | a \\| b |`);
  // The rows that are not providers' stay as written, core's first.
  for (const rendered of [grown, changed]) {
    const rows = rendered.split('\n').filter((line) => /^\| \[`/.test(line));
    expect(rows[0]).toMatch(/^\| \[`@cdr\/core`\]/);
    expect(rows.at(-1)).toMatch(/^\| \[`apps\/demo`\]/);
  }
});

test('a README without its markers is refused, not rewritten', () => {
  expect(() => renderReadme('| package | what it is |\n', [], [])).toThrow(/README\.md has lost/);
});
