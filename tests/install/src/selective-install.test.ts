// Selective installs, tested as a user would: core and every provider package (discovered:
// each folder under packages/ declaring `cdr.descriptor`) packed with pnpm pack, then only
// some installed with npm into scratch projects outside the workspace, and used from ESM,
// CommonJS and TypeScript (node16 and bundler resolution). Every provider runs the generic
// scenario (fixtures/generic: its descriptor, its simulator, one account); a provider with
// its own folder under fixtures/ runs that too.
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pnpmPack } from './testing/pnpm-pack.js';
import { type WorkspaceProvider, workspaceProviders } from './testing/workspace-providers.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const scratch = mkdtempSync(join(tmpdir(), 'cdr-install-'));
const tarballs: Record<string, string> = {};
// Every provider of the workspace, each installed alone with core below.
const providers = workspaceProviders(root);
const folders = providers.map((provider) => provider.folder);

// npm must not inherit what pnpm put in the environment for this workspace. (turbo.json
// passes the certificate and proxy variables through: without them npm cannot reach the
// registry on machines behind a TLS-inspecting proxy, and hangs retrying.)
const cleanEnvironment = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_)/i.test(key)),
);

async function npm(cwd: string, ...args: string[]) {
  // Fail in minutes, not hours, when the registry cannot be reached.
  const network = args[0] === 'install' ? ['--fetch-retries=2', '--fetch-timeout=60000'] : [];
  return run('npm', [...args, ...network, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    env: cleanEnvironment,
    maxBuffer: 16 * 1024 * 1024,
  });
}

function copyFixtures(directory: string, fixture: string) {
  for (const file of readdirSync(join(fixtures, fixture)))
    copyFileSync(join(fixtures, fixture, file), join(directory, file));
}

/** A scratch project with only the given packages installed from their tarballs. */
async function project(name: string, packages: string[], fixture?: string): Promise<string> {
  const directory = join(scratch, name);
  mkdirSync(directory);
  writeFileSync(
    join(directory, 'package.json'),
    JSON.stringify({ name: `scratch-${name}`, private: true }),
  );
  if (fixture && existsSync(join(fixtures, fixture))) copyFixtures(directory, fixture);
  copyFixtures(directory, 'shared');
  await npm(directory, 'install', ...packages.map((name) => tarballs[name]!), '@types/node@22');
  return directory;
}

/** The generic scenario's files, its TypeScript check written for this provider. */
function addGenericFixture(directory: string, provider: WorkspaceProvider) {
  for (const file of ['generic-scenario.cjs', 'generic-check.mjs', 'generic-check.cjs'])
    copyFileSync(join(fixtures, 'generic', file), join(directory, file));
  const check = readFileSync(join(fixtures, 'generic', 'generic-check.ts.template'), 'utf8')
    .replaceAll('DESCRIPTOR_EXPORT', provider.descriptor)
    .replaceAll('DESCRIPTOR_MODULE', provider.descriptorModule);
  writeFileSync(join(directory, 'generic-check.ts'), check);
}

/** Each check.ts is CommonJS in these projects (no "type": "module"); its .mts twin, ESM. */
function addModuleTwins(directory: string) {
  for (const file of readdirSync(directory).filter((name) => /\.ts$/.test(name)))
    copyFileSync(join(directory, file), join(directory, file.replace(/\.ts$/, '.mts')));
}

async function script(directory: string, file: string, ...args: string[]) {
  const { stdout } = await run(process.execPath, [file, ...args], { cwd: directory });
  return JSON.parse(stdout) as {
    module?: string;
    provider?: string;
    callProviders?: string[];
    listed: number;
    expected: number;
    authentication?: boolean;
    invalidSettings?: boolean;
    tampered?: number;
    secretsInError?: boolean;
  };
}

// libphonenumber-js's own index.d.cts imports an ESM declaration file, which tsc reports
// (TS1479) when a CommonJS program checks library declarations (skipLibCheck: false). That
// is theirs to fix and harmless to users; every other diagnostic, in our declarations or
// any other dependency's, fails the test.
const upstreamDiagnostic =
  /^node_modules\/libphonenumber-js\/index\.d\.cts\(\d+,\d+\): error TS1479:/;

async function typecheck(directory: string, config: string) {
  const output = await run(process.execPath, [tsc, '-p', config], { cwd: directory }).then(
    () => '',
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
  const diagnostics = output
    .split('\n')
    .filter((line) => /error TS\d+/.test(line) && !upstreamDiagnostic.test(line));
  expect(diagnostics, `tsc -p ${config}:\n${output}`).toEqual([]);
}

beforeAll(async () => {
  const packs = join(scratch, 'tarballs');
  mkdirSync(packs);
  // Two packs at a time: CI has two cores, and each pack is mostly waiting on pnpm.
  const queue = ['core', ...folders];
  async function worker() {
    for (let folder = queue.shift(); folder !== undefined; folder = queue.shift()) {
      tarballs[folder] = await pnpmPack(join(root, 'packages', folder), packs);
    }
  }
  await Promise.all([worker(), worker()]);
  for (const folder of ['core', ...folders])
    expect(existsSync(tarballs[folder]!), `${folder}: ${tarballs[folder]}`).toBe(true);
});

test('the provider packages are discovered', () => {
  // The four this test once listed by hand are among them, so discovery finds what it must.
  expect(folders).toEqual(expect.arrayContaining(['exotel', 'ozonetel', 'telecmi', 'twilio']));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(
  providers.map((provider) => ({
    provider,
    folder: provider.folder,
    absent: folders.filter((other) => other !== provider.folder),
    ownFixture: existsSync(join(fixtures, provider.folder)),
  })),
)('@cdr/core + @cdr/$folder only', ({ provider, folder, absent, ownFixture }) => {
  let directory: string;
  beforeAll(async () => {
    directory = await project(folder, ['core', folder], folder);
    addGenericFixture(directory, provider);
    addModuleTwins(directory);
  });

  test('no other provider is installed', () => {
    expect(existsSync(join(directory, 'node_modules', provider.name))).toBe(true);
    for (const other of absent)
      expect(existsSync(join(directory, 'node_modules/@cdr', other)), other).toBe(false);
  });

  test('ES module and CommonJS scripts list its simulator through its descriptor', async () => {
    for (const file of ['generic-check.mjs', 'generic-check.cjs']) {
      const result = await script(directory, file, provider.descriptorModule, provider.descriptor);
      expect(result.module, file).toBe(file.endsWith('.mjs') ? 'esm' : 'cjs');
      expect(result.listed, file).toBeGreaterThan(0);
      expect(result.listed, file).toBe(result.expected);
      expect(result.callProviders, file).toEqual([result.provider]);
      expect(result.invalidSettings, file).toBe(true);
      // Secrets changed on the wire: a typed AuthenticationError naming none of them. A
      // provider whose requests carry no secret verbatim (a token cached from an earlier
      // client, a signed JWT) has nothing to change: its own fixture, if any, checks that.
      if (result.tampered! > 0) expect(result.authentication, file).toBe(true);
      expect(result.secretsInError, file).toBe(false);
    }
  });

  test.runIf(ownFixture)('its own scripts use the API against the simulator', async () => {
    for (const file of ['check.mjs', 'check.cjs']) {
      const result = await script(directory, file);
      expect(result.module, file).toBe(file === 'check.mjs' ? 'esm' : 'cjs');
      expect(result.listed, file).toBeGreaterThan(0);
      expect(result.listed, file).toBe(result.expected);
      expect(result.authentication, file).toBe(true);
    }
  });

  test('TypeScript type-checks the API with node16 and bundler resolution', async () => {
    await typecheck(directory, 'tsconfig.node16.json');
    await typecheck(directory, 'tsconfig.bundler.json');
  });
});

describe('both providers installed together', () => {
  test('one copy of @cdr/core, and instanceof works on errors from either provider', async () => {
    const directory = await project('both', ['core', 'telecmi', 'ozonetel'], 'both');
    const result = (await script(directory, 'check.mjs')) as unknown as {
      listed: number;
      expected: number;
      errors: boolean[];
      corePaths: string[];
    };
    expect(result.listed).toBe(result.expected);
    expect(result.errors).toEqual([true, true]);
    expect(result.corePaths).toHaveLength(1);
    const { stdout } = await npm(directory, 'ls', '@cdr/core', '--all', '--parseable');
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });
});
