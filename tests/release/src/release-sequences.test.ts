// Releases that install together, whatever changesets come in whatever order. A scratch copy
// of the workspace is versioned through a sequence of changesets with the repository's own
// .changeset/config.json; after each `changeset version`, every released package is packed
// with pnpm (the manifest users get) and installed with npm in scratch projects:
//   - the newest version of every public package, together;
//   - each released provider beside the lowest and the highest published core its peer range
//     claims, and that range never claims a core older than the one it was built with;
//   - a provider release that semver calls a compatible upgrade (^previous) beside the core
//     its previous release's users have: an update within their ranges must not fail with
//     ERESOLVE (issue 26: core 0.2.0 came with a twilio 0.1.1 that refused core 0.1.0).
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { afterAll, describe, expect, test } from 'vitest';
import { type BumpType, type PackedRelease, ScratchRelease } from './scratch-release.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const core = '@cdr/core';

// One sequence, each step a `changeset version` run with the changesets listed. The first
// step releases the changesets pending in the repository (the first release from 0.0.0).
const steps: { name: string; changesets: Record<string, BumpType>[] }[] = [
  { name: 'the pending changesets (first release)', changesets: [] },
  { name: 'core patch', changesets: [{ [core]: 'patch' }] },
  { name: 'provider-only patch', changesets: [{ '@cdr/twilio': 'patch' }] },
  { name: 'core minor', changesets: [{ [core]: 'minor' }] },
  { name: 'provider-only minor', changesets: [{ '@cdr/exotel': 'minor' }] },
  {
    name: 'core minor and a provider patch together',
    changesets: [{ [core]: 'minor' }, { '@cdr/telecmi': 'patch' }],
  },
  { name: 'provider patch after a core minor', changesets: [{ '@cdr/ozonetel': 'patch' }] },
  {
    name: 'core patch and a provider minor in one changeset',
    changesets: [{ [core]: 'patch', '@cdr/twilio': 'minor' }],
  },
  { name: 'core major', changesets: [{ [core]: 'major' }] },
  { name: 'provider patch after a core major', changesets: [{ '@cdr/telecmi': 'patch' }] },
];

const scratch = new ScratchRelease(root);
afterAll(() => scratch.remove());

function coreRange(release: PackedRelease): string {
  const range = release.manifest.peerDependencies?.[core];
  if (range === undefined)
    throw new Error(`${release.manifest.name} has no peer dependency on ${core}`);
  return range;
}

function publishedCores(range: string): PackedRelease[] {
  return (scratch.published.get(core) ?? [])
    .filter((release) => semver.satisfies(release.manifest.version, range))
    .sort((a, b) => semver.compare(a.manifest.version, b.manifest.version));
}

const label = (release: PackedRelease) => `${release.manifest.name}@${release.manifest.version}`;

describe('a sequence of releases', () => {
  for (const [index, step] of steps.entries()) {
    test(`${index + 1}. ${step.name}`, async () => {
      const previous = new Map(
        [...scratch.published].map(([name, releases]) => [name, releases.at(-1)]),
      );
      for (const changeset of step.changesets) scratch.addChangeset(changeset);
      const released = await scratch.version();
      // The core every provider in this release was built and tested against.
      const builtWithCore = scratch.manifest('core').version;
      for (const changeset of step.changesets)
        for (const name of Object.keys(changeset))
          expect(
            released.map((release) => release.manifest.name),
            `${name} was not released`,
          ).toContain(name);

      const problems: string[] = [];
      // Core version → the provider releases that must install beside it, and why.
      const checks = new Map<
        string,
        { core: PackedRelease; providers: Set<PackedRelease>; why: Set<string> }
      >();
      const check = (coreRelease: PackedRelease, provider: PackedRelease, why: string) => {
        const entry = checks.get(coreRelease.manifest.version) ?? {
          core: coreRelease,
          providers: new Set(),
          why: new Set(),
        };
        entry.providers.add(provider);
        entry.why.add(`${label(provider)} ${why}`);
        checks.set(coreRelease.manifest.version, entry);
      };

      for (const provider of released.filter((release) => release.manifest.name !== core)) {
        const range = coreRange(provider);
        const claimed = publishedCores(range);
        const lowestClaimed = semver.minVersion(range);
        if (lowestClaimed === null || semver.lt(lowestClaimed, builtWithCore))
          problems.push(
            `${label(provider)} claims ${core} ${range}, older than the ${builtWithCore} it was built with`,
          );
        if (claimed.length === 0) {
          problems.push(`${label(provider)} claims ${core} ${range}: no such core was released`);
          continue;
        }
        check(claimed[0]!, provider, `beside the lowest core its range ${range} claims`);
        check(claimed.at(-1)!, provider, `beside the highest core its range ${range} claims`);
        const before = previous.get(provider.manifest.name);
        if (
          before !== undefined &&
          semver.satisfies(provider.manifest.version, `^${before.manifest.version}`)
        ) {
          const usersCore = publishedCores(coreRange(before)).at(-1);
          if (usersCore !== undefined)
            check(
              usersCore,
              provider,
              `(an update within ^${before.manifest.version}) beside the core ${label(before)} users have`,
            );
        }
      }

      // Each install resolves the tree in a project of its own: run them at once.
      const newest = [...scratch.published.values()].map((releases) => releases.at(-1)!);
      const installs = [
        ...[...checks.values()].map(({ core: coreRelease, providers, why }) => ({
          tarballs: [coreRelease.tarball, ...[...providers].map((provider) => provider.tarball)],
          what: `${label(coreRelease)} with ${[...why].join('; ')}`,
        })),
        {
          tarballs: newest.map((release) => release.tarball),
          what: `the newest releases together (${newest.map(label).join(', ')})`,
        },
      ];
      const results = await Promise.all(
        installs.map(({ tarballs }) => scratch.install(tarballs, { lockfileOnly: true })),
      );
      for (const [position, result] of results.entries())
        if (!result.ok)
          problems.push(
            `npm refused ${installs[position]!.what}:\n${result.output.split('\n').slice(0, 12).join('\n')}`,
          );

      expect(problems).toEqual([]);
    });
  }

  test('the newest releases, installed for real, load from ESM with one copy of core', async () => {
    const newest = [...scratch.published.values()].map((releases) => releases.at(-1)!);
    expect(newest.map((release) => release.manifest.name).sort()).toEqual(
      scratch
        .publicPackageDirectories()
        .map((directory) => scratch.manifest(directory).name)
        .sort(),
    );
    const installed = await scratch.install(
      newest.map((release) => release.tarball),
      { lockfileOnly: false },
    );
    expect(installed.output).toBe('');
    const loaded = await scratch.runIn(installed.project, process.execPath, [
      '--input-type=module',
      '-e',
      `const names = ${JSON.stringify(newest.map((release) => release.manifest.name))};
       const modules = await Promise.all(names.map((name) => import(name)));
       console.log(JSON.stringify(modules.map((module) => Object.keys(module).length > 0)));`,
    ]);
    expect(JSON.parse(loaded)).toEqual(newest.map(() => true));
    const listed = await scratch.runIn(installed.project, 'npm', [
      'ls',
      core,
      '--all',
      '--parseable',
    ]);
    expect(listed.trim().split('\n')).toHaveLength(1);
  });
});
