// Selective installs, tested as a user would: every public package packed with pnpm pack,
// then only some installed with npm into scratch projects outside the workspace, and used
// from ESM, CommonJS and TypeScript (node16 and bundler resolution).
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const scratch = mkdtempSync(join(tmpdir(), 'cdr-install-'));
const tarballs: Record<string, string> = {};
// Every published provider, each installed alone with core below.
const providers = ['telecmi', 'ozonetel', 'exotel', 'twilio'];

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

/** A scratch project with only the given packages installed from their tarballs. */
async function project(name: string, packages: string[], fixture: string): Promise<string> {
  const directory = join(scratch, name);
  mkdirSync(directory);
  writeFileSync(
    join(directory, 'package.json'),
    JSON.stringify({ name: `scratch-${name}`, private: true }),
  );
  for (const file of readdirSync(join(fixtures, fixture)))
    copyFileSync(join(fixtures, fixture, file), join(directory, file));
  for (const file of readdirSync(join(fixtures, 'shared')))
    copyFileSync(join(fixtures, 'shared', file), join(directory, file));
  // check.ts is CommonJS in this package (no "type": "module"), check.mts the same code as ESM.
  if (existsSync(join(directory, 'check.ts')))
    copyFileSync(join(directory, 'check.ts'), join(directory, 'check.mts'));
  await npm(directory, 'install', ...packages.map((name) => tarballs[name]!), '@types/node@22');
  return directory;
}

async function script(directory: string, file: string) {
  const { stdout } = await run(process.execPath, [file], { cwd: directory });
  return JSON.parse(stdout) as {
    module?: string;
    listed: number;
    expected: number;
    authentication?: boolean;
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
  for (const name of ['core', ...providers]) {
    const { stdout } = await run('pnpm', ['pack', '--pack-destination', packs], {
      cwd: join(root, 'packages', name),
    });
    const file = stdout.trim().split('\n').at(-1)!.trim();
    tarballs[name] = file.startsWith('/') ? file : join(packs, file);
    expect(existsSync(tarballs[name]!), tarballs[name]).toBe(true);
  }
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(
  providers.map((provider) => ({
    provider,
    absent: providers.filter((other) => other !== provider),
  })),
)('@cdr/core + @cdr/$provider only', ({ provider, absent }) => {
  let directory: string;
  beforeAll(async () => {
    directory = await project(provider, ['core', provider], provider);
  });

  test('no other provider is installed', () => {
    expect(existsSync(join(directory, 'node_modules/@cdr', provider))).toBe(true);
    for (const other of absent)
      expect(existsSync(join(directory, 'node_modules/@cdr', other)), other).toBe(false);
  });

  test('an ES module and a CommonJS script use the API against the simulator', async () => {
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
