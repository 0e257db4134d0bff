// The registry is generated from the workspace (scripts/provider-registry.ts): the committed
// file must be what the packages declare today.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import {
  providerPackages,
  registryPath,
  renderProviderRegistry,
} from '../../../../scripts/provider-registry.ts';
import { providerDescriptors } from './provider-registry.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

test('the committed registry is the one the packages declare (else: node scripts/provider-registry.ts)', () => {
  const packages = providerPackages(root);
  expect(packages.map((entry) => entry.name)).toContain('@cdr/telecmi');
  expect(readFileSync(`${root}${registryPath}`, 'utf8')).toBe(renderProviderRegistry(packages));
  // And each declared export is the package's descriptor of that provider.
  expect(providerDescriptors.map((descriptor) => `@cdr/${descriptor.provider}`)).toEqual(
    packages.map((entry) => entry.name),
  );
});

test('a package added or dropped changes the rendered registry', () => {
  const packages = providerPackages(root);
  const rendered = renderProviderRegistry(packages);
  expect(
    renderProviderRegistry([...packages, { name: '@cdr/plivo', descriptor: 'plivoDescriptor' }]),
  ).not.toBe(rendered);
  expect(renderProviderRegistry(packages.slice(1))).not.toBe(rendered);
});
