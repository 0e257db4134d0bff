// The registry, the app's provider dependencies and .env.example's provider sections are
// generated from the workspace (scripts/provider-registry.ts): the committed files must be
// what the packages declare today.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import {
  demoManifestPath,
  envExamplePath,
  otherPackages,
  providerNamesPath,
  providerPackages,
  registryPath,
  renderDemoManifest,
  renderEnvExample,
  renderProviderNames,
  renderProviderRegistry,
} from '../../../../scripts/provider-registry.ts';
import { providerNames } from './provider-names.ts';
import { providerDescriptors } from './provider-registry.ts';

const root = fileURLToPath(new URL('../../../..', import.meta.url));

test('the committed registry is the one the packages declare (else: node scripts/provider-registry.ts)', () => {
  const packages = providerPackages(root);
  expect(packages.map((entry) => entry.name)).toContain('@cdr/telecmi');
  expect(readFileSync(`${root}${registryPath}`, 'utf8')).toBe(renderProviderRegistry(packages));
  // And each declared export is the package's descriptor of that provider.
  expect(providerDescriptors.map((descriptor) => `@cdr/${descriptor.provider}`)).toEqual(
    packages.map((entry) => entry.name),
  );
});

test("the help's provider names are the registry's (else: node scripts/provider-registry.ts)", () => {
  expect(readFileSync(`${root}${providerNamesPath}`, 'utf8')).toBe(
    renderProviderNames(providerPackages(root)),
  );
  expect(providerNames).toEqual(providerDescriptors.map((descriptor) => descriptor.provider));
});

test('a package added or dropped changes the rendered registry', () => {
  const packages = providerPackages(root);
  const rendered = renderProviderRegistry(packages);
  expect(
    renderProviderRegistry([
      ...packages,
      {
        folder: 'plivo',
        name: '@cdr/plivo',
        descriptor: 'plivoDescriptor',
        description: 'Plivo',
      },
    ]),
  ).not.toBe(rendered);
  expect(renderProviderRegistry(packages.slice(1))).not.toBe(rendered);
});

test('apps/demo/package.json depends on every provider package (else: node scripts/provider-registry.ts)', () => {
  const packages = providerPackages(root);
  const committed = readFileSync(`${root}${demoManifestPath}`, 'utf8');
  expect(committed).toBe(renderDemoManifest(committed, packages, otherPackages(root)));
  expect(otherPackages(root)).toEqual(['@cdr/core']);
  // A provider dropped from packages/ leaves no dependency behind; core stays.
  const fewer = JSON.parse(renderDemoManifest(committed, packages.slice(1), ['@cdr/core']));
  expect(fewer.devDependencies).not.toHaveProperty(packages[0]!.name);
  expect(fewer.devDependencies['@cdr/core']).toBe('workspace:*');
});

test(".env.example's provider sections are the descriptors' variables (else: node scripts/provider-registry.ts)", () => {
  const committed = readFileSync(`${root}${envExamplePath}`, 'utf8');
  expect(committed).toBe(renderEnvExample(committed, providerDescriptors));
  // A descriptor's new variable changes the file.
  const [first, ...rest] = providerDescriptors;
  const grown = {
    ...first!,
    environment: [...first!.environment, { name: 'X_NEW', description: 'new', secret: false }],
  };
  expect(renderEnvExample(committed, [grown, ...rest])).toContain('# New.\nX_NEW=\n');
});
