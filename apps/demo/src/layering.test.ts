// The app's layers, read from its imports (static and dynamic; `import type` erased at run
// time is left out): the command line on top, commands under it, then what they use
// (accounts, store, views, sync, worker, operations), and `support/` (errors, I/O, paths,
// formatting) at the bottom, importing no other folder. Test-only code is in `testing/` and
// nothing that ships imports it. No module waits on itself through a cycle. Parsing the command
// line loads only the program and each command's light definition (the last tests).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('.', import.meta.url));

/** One import of a module: its specifier resolved (relative ones, to a path under src/) and how. */
interface ModuleImport {
  /** A path relative to src/, or a package name as written (`commander`, `@cdr/core`). */
  target: string;
  isPackage: boolean;
  /** `import type …`: erased at run time. */
  typeOnly: boolean;
  /** `import('…')`: loaded when the code runs, not with the module. */
  dynamic: boolean;
}

/** Every module of the app but tests, by path relative to src/, with every import it writes. */
function readImports(): Map<string, ModuleImport[]> {
  const modules = new Map<string, ModuleImport[]>();
  const paths = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
    (path) => path.endsWith('.ts') && !path.endsWith('.test.ts'),
  );
  const specifiers =
    /(?:^|\n)\s*(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)|(?:^|\n)\s*import\s+'([^']+)'/g;
  for (const path of paths) {
    const text = readFileSync(join(root, path), 'utf8');
    const imports: ModuleImport[] = [];
    for (const match of text.matchAll(specifiers)) {
      const specifier = match[2] ?? match[3] ?? match[4];
      if (!specifier) continue;
      const isPackage = !specifier.startsWith('.');
      imports.push({
        target: isPackage
          ? specifier
          : relative(root, resolve(dirname(join(root, path)), specifier)),
        isPackage,
        typeOnly: match[1] !== undefined,
        dynamic: match[3] !== undefined,
      });
    }
    modules.set(path, imports);
  }
  return modules;
}

const imports = readImports();

/** What each module loads at run time from the app, statically or dynamically. */
function importGraph(): Map<string, string[]> {
  return new Map(
    [...imports].map(([path, list]) => [
      path,
      list.filter((entry) => !entry.isPackage && !entry.typeOnly).map((entry) => entry.target),
    ]),
  );
}

const folderOf = (path: string) => (path.includes('/') ? path.split('/')[0]! : '.');
const graph = importGraph();
const arrows = [...graph].flatMap(([from, imports]) =>
  imports.filter((to) => graph.has(to)).map((to) => ({ from, to })),
);

test('the import graph was read (the test would pass on nothing otherwise)', () => {
  expect(graph.size).toBeGreaterThan(100);
  expect(arrows.length).toBeGreaterThan(300);
  expect(graph.get('main.ts')).toContain('cli/program.ts');
});

test('support/ imports no other folder of the app', () => {
  const out = arrows.filter(
    ({ from, to }) => folderOf(from) === 'support' && folderOf(to) !== 'support',
  );
  expect(out).toEqual([]);
});

test('store, accounts and the views never import the command line or the commands', () => {
  const lower = new Set(['store', 'accounts', 'dashboard', 'export', 'report', 'sync', 'worker']);
  const up = arrows.filter(
    ({ from, to }) => lower.has(folderOf(from)) && ['cli', 'commands'].includes(folderOf(to)),
  );
  expect(up).toEqual([]);
});

test('nothing that ships imports testing/', () => {
  const shipped = arrows.filter(
    ({ from, to }) => folderOf(from) !== 'testing' && folderOf(to) === 'testing',
  );
  expect(shipped).toEqual([]);
});

test('no import cycle', () => {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (module: string) => {
    state.set(module, 'open');
    path.push(module);
    for (const next of graph.get(module) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(module, 'done');
  };
  for (const module of graph.keys()) if (!state.has(module)) visit(module);
  expect(cycles).toEqual([]);
});

// Each command declares its flags in a light `commands/*-flags.ts` beside its code and loads
// the code itself only when it runs: parsing the command line (`cdr --help`, or the flags of
// `cdr calls` before it opens the store) loads the program, these definitions, and what
// they parse with, nothing more.
const definitions = [...graph.keys()].filter((path) => /^commands\/[^/]+-flags\.ts$/.test(path));

/** The modules `from` loads with itself (static imports, followed), `from` included. */
function staticallyLoaded(from: string): Set<string> {
  const loaded = new Set<string>();
  const visit = (module: string) => {
    if (loaded.has(module) || !graph.has(module)) return;
    loaded.add(module);
    for (const entry of imports.get(module) ?? [])
      if (!entry.isPackage && !entry.typeOnly && !entry.dynamic) visit(entry.target);
  };
  visit(from);
  return loaded;
}

test('every command has its definition (the rules below would pass on none otherwise)', () => {
  expect(definitions.length).toBeGreaterThanOrEqual(15);
  expect(definitions).toContain('commands/sync-flags.ts');
});

test('nothing under commands/ imports the program, not even its types', () => {
  const up = [...imports].flatMap(([from, list]) =>
    folderOf(from) === 'commands'
      ? list.filter((entry) => entry.target === 'cli/program.ts').map(() => from)
      : [],
  );
  expect(up).toEqual([]);
});

test('a command definition imports commander and the command line’s light modules, nothing heavy', () => {
  const heavy = definitions.flatMap((from) =>
    (imports.get(from) ?? [])
      .filter((entry) => !entry.typeOnly && !entry.dynamic)
      .filter((entry) =>
        entry.isPackage
          ? entry.target !== 'commander'
          : !['cli', 'support'].includes(folderOf(entry.target)),
      )
      .map((entry) => `${from} → ${entry.target}`),
  );
  expect(heavy).toEqual([]);
});

/** Beyond cli/ and support/, what parsing loads: the providers' names (generated, no import), for the help. */
const lightBeyondCli = ['accounts/provider-names.ts'];

test('parsing the command line loads only the program, the definitions, cli/ and support/', () => {
  const loaded = [...staticallyLoaded('cli/program.ts')];
  expect(loaded).toEqual(expect.arrayContaining([...definitions, ...lightBeyondCli]));
  const beyond = loaded.filter(
    (module) =>
      !definitions.includes(module) &&
      !lightBeyondCli.includes(module) &&
      !['cli', 'support'].includes(folderOf(module)),
  );
  expect(beyond).toEqual([]);
  for (const module of lightBeyondCli) expect(imports.get(module)).toEqual([]);
  // The packages it loads: commander, and the core's zoned times behind --from and --to
  // (its `/time` entry: no zod, no undici).
  const packages = new Set(
    loaded.flatMap((module) =>
      (imports.get(module) ?? [])
        .filter((entry) => entry.isPackage && !entry.typeOnly && !entry.dynamic)
        .map((entry) => entry.target),
    ),
  );
  expect([...packages].filter((name) => !name.startsWith('node:')).sort()).toEqual([
    '@cdr/core/time',
    'commander',
  ]);
});
