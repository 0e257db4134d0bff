#!/usr/bin/env node
// pnpm new-provider <name> [--root <workspace>] [--scaffold-only]
//
// Scaffolds packages/<name> from scripts/templates/provider: a provider package wired like
// the others (package.json, tsup, vitest, strict TypeScript), its src/ laid out like
// @cdr/telecmi's, a simulator skeleton under /testing, the core conformance suite wired in
// (failing until the provider is implemented), a README to fill in and a changeset.
// The template is a provider named "acme"; its names are rewritten for the new one.
// Then, unless --scaffold-only, it does what the workspace needs to use the package, so
// that no file outside the package is edited by hand: the generated files
// (scripts/provider-registry.ts: the cdr tool's registry, apps/demo/package.json's
// dependency, README.md's row from the package.json description, CONTRIBUTING.md's sizes
// table), `pnpm install` (offline when the store has everything, as it does for a package
// made of the workspace's own dependencies), the package's build, and the generated files
// again with its descriptor built (.env.example's section).
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  demoManifestPath,
  envExamplePath,
  providerNamesPath,
  registryPath,
  writeGeneratedFiles,
} from './provider-registry.ts';
import { contributingPath } from './provider-sizes.ts';
import { readmePath } from './readme-providers.ts';

const template = fileURLToPath(new URL('./templates/provider/', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));
const namePattern = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const reserved = new Set(['core', 'demo', 'benchmarks', 'testing']);

export interface ProviderNames {
  /** `exotel`, `my-pbx`: the package folder, `@cdr/<name>` and the provider id. */
  name: string;
  /** `Exotel`, `MyPbx`: types, classes and `create<Pascal>`. */
  pascal: string;
  /** `exotel`, `myPbx`: identifiers such as `myPbxRecordSchema`. */
  camel: string;
  /** `EXOTEL`, `MY_PBX`. */
  constant: string;
}

export function providerNames(name: string): ProviderNames {
  if (!namePattern.test(name)) {
    throw new Error(
      `"${name}" is not a provider name: use lowercase letters, digits and dashes, e.g. exotel or my-pbx`,
    );
  }
  if (reserved.has(name)) throw new Error(`"${name}" is taken by the workspace`);
  const words = name.split('-');
  const pascal = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
  return {
    name,
    pascal,
    camel: pascal[0]!.toLowerCase() + pascal.slice(1),
    constant: words.map((word) => word.toUpperCase()).join('_'),
  };
}

// `acme` starting an identifier (`acmeRecordSchema`) becomes camelCase; anywhere else
// (file names, the package name, strings, TODO(acme)) it is the name as given.
function rename(text: string, names: ProviderNames): string {
  return text
    .replaceAll('ACME', names.constant)
    .replaceAll('Acme', names.pascal)
    .replace(/acme(?=[A-Z])/g, names.camel)
    .replaceAll('acme', names.name);
}

function* files(directory: string): Generator<string> {
  for (const entry of readdirSync(directory)) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/** Writes the new package and its changeset under `root`; returns the files written. */
export function scaffoldProvider(name: string, root = repositoryRoot): string[] {
  const names = providerNames(name);
  const target = join(root, 'packages', names.name);
  if (existsSync(target)) throw new Error(`${relative(root, target)} already exists`);
  const written: string[] = [];
  for (const source of files(template)) {
    const path = relative(template, source);
    const destination = path.startsWith('changeset/')
      ? join(root, '.changeset', rename(path.slice('changeset/'.length), names))
      : join(target, rename(path, names));
    mkdirSync(dirname(destination), { recursive: true });
    if (path === 'LICENSE') copyFileSync(source, destination);
    else writeFileSync(destination, rename(readFileSync(source, 'utf8'), names));
    written.push(destination);
  }
  formatWithBiome(root, target);
  return written;
}

// The new name changes line lengths and the order of imports (`./map-my-pbx-call.js` sorts
// before `./my-pbx-error.js`, `./acme-error.js` did not): let the workspace's Biome settle
// both, so the package passes `pnpm lint` as generated.
function formatWithBiome(root: string, target: string): void {
  const biome = join(repositoryRoot, 'node_modules/.bin/biome');
  if (!existsSync(biome)) {
    console.warn(
      'new-provider: Biome is not installed; run `./pnpmw exec biome check --write` on the package',
    );
    return;
  }
  const result = spawnSync(
    biome,
    ['check', '--write', '--config-path', root, relative(root, target)],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0)
    throw new Error(`Biome could not format the package:\n${result.stdout}${result.stderr}`);
}

/** The workspace's pnpm, as ./pnpmw provides it; its output goes to our stderr. */
function pnpm(root: string, args: string[]): boolean {
  const result = spawnSync(join(root, 'pnpmw'), args, {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  return result.status === 0;
}

/**
 * Links a scaffolded package into the workspace at `root`: the generated files, the
 * install, the providers' build (core's too, in a fresh clone), and .env.example.
 */
export async function linkProvider(name: string, root = repositoryRoot): Promise<void> {
  await writeGeneratedFiles(root);
  // The package needs nothing the store lacks (the workspace's catalog): offline first. A new
  // provider changes the lockfile on purpose (a new importer, the demo's new dependency), and
  // pnpm freezes the lockfile by default where CI is set: say it may change.
  const install = ['install', '--no-frozen-lockfile'];
  if (!pnpm(root, [...install, '--offline']) && !pnpm(root, install))
    throw new Error('./pnpmw install failed');
  // Every provider, not only this one: .env.example is read from each built descriptor
  // (in a fresh clone none is built yet; elsewhere turbo's cache answers).
  const build = [
    'exec',
    'turbo',
    'run',
    'build',
    '--filter=./packages/*',
    '--output-logs=errors-only',
  ];
  if (!pnpm(root, build)) throw new Error(`./pnpmw ${build.join(' ')} failed (@cdr/${name})`);
  const unbuilt = await writeGeneratedFiles(root);
  if (unbuilt.length > 0) throw new Error(`${unbuilt.join(', ')} did not build`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { root: { type: 'string' }, 'scaffold-only': { type: 'boolean' } },
  });
  const [name] = positionals;
  try {
    if (!name || positionals.length > 1)
      throw new Error('usage: pnpm new-provider <name>   (e.g. pnpm new-provider exotel)');
    const root = values.root ?? repositoryRoot;
    const written = scaffoldProvider(name, root);
    const names = providerNames(name);
    console.log(`Created @cdr/${names.name} (${written.length} files):`);
    for (const path of written) console.log(`  ${relative(root, path)}`);
    const linked = !values['scaffold-only'];
    if (linked) {
      await linkProvider(names.name, root);
      console.log(
        `Linked it: installed, built, and generated ${[registryPath, providerNamesPath, demoManifestPath, envExamplePath, readmePath, contributingPath].join(', ')}.`,
      );
    }
    const steps = [
      ...(linked ? [] : [['./pnpmw install', 'link the new package']]),
      [
        `./pnpmw --filter @cdr/${names.name} test`,
        'the conformance suite: failing until implemented',
      ],
      [`grep -rn "TODO(${names.name})" packages/${names.name}`, 'what is left'],
      [
        './pnpmw build && ./pnpmw generate:registry',
        'after changing its variables, description or sources: the generated files follow',
      ],
      [`./cdr sync --provider ${names.name}`, 'the cdr tool syncs it from its simulator'],
    ];
    const width = Math.max(...steps.map(([command]) => command!.length));
    console.log('\nNext:');
    for (const [command, why] of steps) console.log(`  ${command!.padEnd(width)}   ${why}`);
    console.log('Then follow CONTRIBUTING.md, "Adding a provider".');
  } catch (error) {
    console.error(`new-provider: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
