// The tool discovers providers through their descriptors: no code under src/ (tests and
// src/testing/ aside) names one. Comments may use a provider as an example; code may not.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { providerDescriptors } from './accounts/provider-registry.ts';

const source = fileURLToPath(new URL('.', import.meta.url));

/**
 * The files that name providers, because scripts/provider-registry.ts writes them from the
 * workspace's packages (a provider added is a line in each, written by `generate:registry`):
 * the test fails when another file starts naming one.
 */
const generated: Readonly<Record<string, string>> = {
  'accounts/provider-registry.ts':
    'the descriptors, imported by the commands that talk to providers',
  'accounts/provider-names.ts': "the providers' names alone, for the command line's help",
};

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The code of a file: block comments and line comments (not `//` inside a URL) removed. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
}

test('no code under src/ names a provider, outside the files generated from the packages', () => {
  const names = providerDescriptors.map((descriptor) => descriptor.provider);
  expect(names.length).toBeGreaterThan(0);
  const pattern = new RegExp(names.join('|'), 'i');
  const naming = sourceFiles(source)
    .filter((file) => pattern.test(code(readFileSync(file, 'utf8'))))
    .map((file) => relative(source, file).split('\\').join('/'))
    .sort();
  expect(naming).toEqual(Object.keys(generated).sort());
});

test('the comment stripping keeps code and URLs', () => {
  expect(code("const a = 'https://x.example'; // telecmi\n/* ozonetel */ b")).toBe(
    "const a = 'https://x.example'; \n b",
  );
});
