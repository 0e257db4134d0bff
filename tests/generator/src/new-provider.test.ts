// pnpm new-provider, run as a contributor would, into a temporary workspace that has the
// real @cdr/core and tools linked in: the scaffold must type-check, build, lint, and run a
// conformance suite that fails, and says why, until the provider is implemented.
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const generator = join(root, 'scripts/new-provider.ts');
const workspace = mkdtempSync(join(tmpdir(), 'cdr-generator-'));
const pkg = join(workspace, 'packages/my-pbx');

const packageDirectory = (name: string, from = require) =>
  dirname(realpathSync(from.resolve(`${name}/package.json`)));
const bin = (name: string, path: string) => join(packageDirectory(name), path);

async function node(args: string[], cwd: string) {
  return run(process.execPath, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
}

beforeAll(() => {
  for (const file of ['tsconfig.base.json', 'tsup.config.base.ts', 'biome.json', '.gitignore']) {
    copyFileSync(join(root, file), join(workspace, file));
  }
  mkdirSync(join(workspace, '.changeset'));
  writeFileSync(join(workspace, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
  // What `pnpm install` would link: the real core (built) and the workspace's tools.
  const core = packageDirectory('@cdr/core');
  const links: Record<string, string> = {
    '@cdr/core': core,
    zod: packageDirectory('zod', createRequire(join(core, 'package.json'))),
    tsup: packageDirectory('tsup'),
    typescript: packageDirectory('typescript'),
    vitest: packageDirectory('vitest'),
    '@types/node': packageDirectory('@types/node'),
  };
  for (const [name, target] of Object.entries(links)) {
    mkdirSync(dirname(join(workspace, 'node_modules', name)), { recursive: true });
    symlinkSync(target, join(workspace, 'node_modules', name), 'dir');
  }
});

afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('pnpm new-provider my-pbx', () => {
  test('scaffolds the package and its changeset, with the names rewritten', async () => {
    const { stdout } = await node(
      [generator, 'my-pbx', '--root', workspace, '--scaffold-only'],
      root,
    );
    expect(stdout).toContain('Created @cdr/my-pbx');
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
    expect(manifest.name).toBe('@cdr/my-pbx');
    expect(manifest.peerDependencies).toEqual({ '@cdr/core': 'workspace:^' });
    expect(manifest.exports['./testing']).toBeDefined();
    for (const file of [
      'src/index.ts',
      'src/my-pbx-provider.ts',
      'src/my-pbx-descriptor.ts',
      'src/my-pbx-push.ts',
      'src/my-pbx-schemas.ts',
      'src/map-my-pbx-call.ts',
      'src/my-pbx-error.ts',
      'src/my-pbx-conformance.test.ts',
      'src/testing/my-pbx-simulator.ts',
      'README.md',
      'LICENSE',
      'tsup.config.ts',
      'vitest.config.ts',
    ]) {
      expect(existsSync(join(pkg, file)), file).toBe(true);
    }
    expect(readFileSync(join(pkg, 'src/index.ts'), 'utf8')).toContain('createMyPbx');
    expect(readFileSync(join(workspace, '.changeset/my-pbx-first-release.md'), 'utf8')).toContain(
      "'@cdr/my-pbx': minor",
    );
    const everything = readFileSync(join(pkg, 'src/my-pbx-provider.ts'), 'utf8');
    expect(everything).not.toMatch(/acme/i);
    // The descriptor is data, found by the tool through package.json, with a push route.
    expect(manifest.cdr).toEqual({ descriptor: 'myPbxDescriptor' });
    const descriptor = readFileSync(join(pkg, 'src/my-pbx-descriptor.ts'), 'utf8');
    expect(descriptor).toContain("name: 'MY_PBX_API_KEY'");
    expect(descriptor).toContain('push: myPbxPush');
    expect(descriptor.split('\n').length).toBeLessThanOrEqual(60);
    expect(readFileSync(join(pkg, 'src/my-pbx-push.ts'), 'utf8')).toContain('MY_PBX_WEBHOOK_TOKEN');
  });

  test('type-checks, builds ESM + CJS + types, and passes the house lint', async () => {
    await node([bin('typescript', 'bin/tsc'), '--noEmit', '-p', '.'], pkg);
    await node([bin('tsup', 'dist/cli-default.js')], pkg);
    for (const file of [
      'index.js',
      'index.cjs',
      'index.d.ts',
      'descriptor.js',
      'descriptor.cjs',
      'descriptor.d.ts',
      'push.js',
      'push.cjs',
      'push.d.ts',
      'testing.js',
      'testing.cjs',
      'testing.d.ts',
    ]) {
      expect(existsSync(join(pkg, 'dist', file)), file).toBe(true);
    }
    const biome = join(root, 'node_modules/.bin/biome');
    await run(biome, ['check', '--config-path', workspace, 'packages/my-pbx/src'], {
      cwd: workspace,
    });
    // The built descriptor (its `./descriptor` subpath) reads its variables and carries its
    // push route; the main entry is the factory alone.
    const built = await import(join(pkg, 'dist/descriptor.js'));
    expect(Object.keys(await import(join(pkg, 'dist/index.js')))).not.toContain('myPbxDescriptor');
    const [account] = built.myPbxDescriptor.fromEnvironment({ MY_PBX_API_KEY: ' key ' });
    expect([account.name, account.secrets]).toEqual(['my-pbx', ['key']]);
    expect(() => built.myPbxDescriptor.fromEnvironment({ MY_PBX_BASE_URL: 'x' })).not.toThrow();
    expect(built.myPbxDescriptor.push.tokenVariable.name).toBe('MY_PBX_WEBHOOK_TOKEN');
  });

  test('runs the conformance suite, which fails until the provider is implemented', async () => {
    const error = await node([bin('vitest', 'vitest.mjs'), 'run'], pkg).then(
      () => undefined,
      (caught: { code: number; stdout: string; stderr: string }) => caught,
    );
    expect(error, 'the scaffold must not pass before it is implemented').toBeDefined();
    expect(`${error!.stdout}${error!.stderr}`).toMatch(/my-pbx|MyPbx/);
    expect(`${error!.stdout}${error!.stderr}`).toContain(
      'lists every call of the window exactly once',
    );
  });

  test('refuses bad names and existing packages', async () => {
    for (const [name, message] of [
      ['MyPbx', 'not a provider name'],
      ['core', 'taken by the workspace'],
      ['my-pbx', 'already exists'],
    ] as const) {
      const error = await node(
        [generator, name, '--root', workspace, '--scaffold-only'],
        root,
      ).then(
        () => undefined,
        (caught: { code: number; stderr: string }) => caught,
      );
      expect(error?.code, name).toBe(1);
      expect(error?.stderr, name).toContain(message);
    }
  });
});
