// What each provider package took, counted from its files: the table in CONTRIBUTING.md
// ("What a provider took"), which provider-sizes.test.ts keeps true.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface ProviderSize {
  name: string;
  /** Hand-written source: src/ less tests, `__fixtures__/` and `testing/`. */
  sourceFiles: number;
  sourceLines: number;
  /** The simulator and whatever else `src/testing/` holds (test code shipped on `/testing`). */
  simulatorLines: number;
  testFiles: number;
  testLines: number;
}

function typeScriptFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return /\.[cm]?tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Lines as an editor numbers them: a last line without a newline counts too. */
function lines(file: string): number {
  const text = readFileSync(file, 'utf8');
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

const sum = (files: readonly string[]) => files.reduce((total, file) => total + lines(file), 0);

/** The counts of one package folder (`packages/twilio`). */
export function providerSize(name: string, folder: string): ProviderSize {
  const source = join(folder, 'src');
  const files = typeScriptFiles(source).map((path) => ({
    path,
    parts: relative(source, path).split(/[\\/]/),
  }));
  const isTest = (path: string) => /\.test\.[cm]?tsx?$/.test(path);
  const tests = [
    ...files.filter(({ path }) => isTest(path)).map(({ path }) => path),
    ...typeScriptFiles(join(folder, 'test')),
  ];
  const simulator = files
    .filter(({ path, parts }) => parts[0] === 'testing' && !isTest(path))
    .map(({ path }) => path);
  const handWritten = files
    .filter(
      ({ path, parts }) =>
        !isTest(path) && !parts.includes('testing') && !parts.includes('__fixtures__'),
    )
    .map(({ path }) => path);
  return {
    name,
    sourceFiles: handWritten.length,
    sourceLines: sum(handWritten),
    simulatorLines: sum(simulator),
    testFiles: tests.length,
    testLines: sum(tests),
  };
}

/** The Markdown table, one row per provider in the order given. */
export function renderProviderSizes(sizes: readonly ProviderSize[]): string {
  return [
    '| package | source files | source lines | simulator lines | test files | test lines |',
    '|---|--:|--:|--:|--:|--:|',
    ...sizes.map(
      (size) =>
        `| \`${size.name}\` | ${size.sourceFiles} | ${size.sourceLines} | ${size.simulatorLines} | ${size.testFiles} | ${size.testLines} |`,
    ),
  ].join('\n');
}
