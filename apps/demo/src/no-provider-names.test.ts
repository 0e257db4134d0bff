// The tool discovers providers through their descriptors: no code under src/ (tests and
// src/testing/ aside) names one. Comments may use a provider as an example; code may not.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { providerDescriptors } from './accounts/provider-registry.ts';

const source = fileURLToPath(new URL('.', import.meta.url));

/**
 * The files that still name providers in code, each with what is left to do; the test fails
 * when one of them stops naming any (take it off the list) or another starts.
 */
const notYetFree: Readonly<Record<string, string>> = {
  'accounts/provider-registry.ts': 'generated from the workspace by scripts/provider-registry.ts',
  'providers/provider-commands.ts': "Ozonetel's lookup command, to move into its package",
  'providers/ozonetel/lookup-command.ts': "Ozonetel's lookup command, to move into its package",
  'commands/demo-command.ts': "the demo's pushed-then-looked-up Ozonetel calls",
  'cli/program.ts': 'the command line names provider commands and examples',
  'cli/options.ts': 'an example in an option description',
  'worker/simulated-fleet.ts': 'test-only code, to move to src/testing/',
  'store/call-store-contract.ts': 'test-only code, to move to src/testing/',
  'store/report-figures-contract.ts': 'test-only code, to move to src/testing/',
  'test-support.ts': 'test-only code, to move to src/testing/',
  'test-calls.ts': 'test-only code, to move to src/testing/',
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

test('no code under src/ names a provider, outside the files listed with what is left', () => {
  const names = providerDescriptors.map((descriptor) => descriptor.provider);
  expect(names.length).toBeGreaterThan(0);
  const pattern = new RegExp(names.join('|'), 'i');
  const naming = sourceFiles(source)
    .filter((file) => pattern.test(code(readFileSync(file, 'utf8'))))
    .map((file) => relative(source, file).split('\\').join('/'))
    .sort();
  expect(naming).toEqual(Object.keys(notYetFree).sort());
});

test('the comment stripping keeps code and URLs', () => {
  expect(code("const a = 'https://x.example'; // telecmi\n/* ozonetel */ b")).toBe(
    "const a = 'https://x.example'; \n b",
  );
});
