// Issue 23: adding a provider is one folder under packages/ and no file edited elsewhere.
// In a scratch copy of the workspace (its git-tracked files, committed there): CONTRIBUTING.md's
// "1. Scaffold" commands as written (for hello-pbx rather than my-pbx), the provider
// implemented (the files of fixtures/hello-pbx copied over the scaffold's), the generator's
// "Next" commands as it prints them, then the built `cdr demo` syncs its calls from its
// simulator and `cdr receive` accepts its push; and git sees nothing changed outside
// packages/hello-pbx/ but the scaffold's changeset and the generated files (README.md's row and
// CONTRIBUTING.md's sizes among them), which the workspace's tests of them accept as they are.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/hello-pbx/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'cdr-zero-edit-'));
const workspace = join(scratch, 'workspace');
const home = join(scratch, 'home');
// The cdr tool with no account configured (the simulators), at a fixed clock and zone.
const cdrEnv = {
  PATH: process.env.PATH ?? '',
  HOME: home,
  CDR_NOW: '2026-12-01T12:00:00Z',
  CDR_TZ: 'Asia/Kolkata',
};
const git = (args: string[]) =>
  run('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], {
    cwd: workspace,
  });
// For the documented commands: pnpm's own settings and store (offline, as here), no
// provider's variables (a developer's real account), a database of the test's own.
const shellEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([name]) =>
      /^(?:npm_|PNPM|XDG_|TURBO_|COREPACK|HOME$|TMPDIR$|LANG$|LC_|CI$)/.test(name),
    ),
  ),
  ...cdrEnv,
  HOME: process.env.HOME ?? home,
  CDR_DB: join(scratch, 'sync.sqlite'),
};
/** A documented command line, run as a person pastes it, in the copy. */
const shell = (line: string) =>
  run('bash', ['-c', line], { cwd: workspace, env: shellEnv, maxBuffer: 64 * 1024 * 1024 });
const fails = (line: string) =>
  shell(line).then(
    () => undefined,
    (caught: { code: number; stdout: string; stderr: string }) => caught,
  );

/** CONTRIBUTING.md's "1. Scaffold" commands, comments dropped, for `name`. */
function scaffoldSteps(name: string): string[] {
  const guide = readFileSync(join(root, 'CONTRIBUTING.md'), 'utf8');
  const block = /### 1\. Scaffold\s+```sh\n([\s\S]*?)```/.exec(guide);
  if (!block) throw new Error('CONTRIBUTING.md has no "### 1. Scaffold" sh block');
  return block[1]!
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean)
    .map((line) => line.replaceAll('my-pbx', name));
}

/** The commands of the generator's "Next:" list. */
function nextSteps(output: string): string[] {
  const list = output.slice(output.indexOf('\nNext:\n') + 7).split('\nThen ')[0]!;
  return list
    .split('\n')
    .map((line) => line.trim().split(/\s{3,}/)[0]!)
    .filter(Boolean);
}

const cdr = (args: string[]) =>
  run(process.execPath, [join(workspace, 'apps/demo/dist/cdr.js'), ...args], {
    cwd: scratch,
    env: cdrEnv,
    maxBuffer: 64 * 1024 * 1024,
  });

let receiver: ChildProcess | undefined;

beforeAll(async () => {
  mkdirSync(workspace);
  mkdirSync(home);
  const { stdout } = await run('git', ['ls-files', '-z'], { cwd: root, maxBuffer: 16 << 20 });
  for (const file of stdout.split('\0').filter(Boolean)) {
    // A tracked file deleted in the working tree (being removed) is not part of the copy.
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(workspace, file)), { recursive: true });
    cpSync(join(root, file), join(workspace, file));
  }
  await git(['init', '-q']);
  await git(['add', '-A']);
  await git(['commit', '-q', '-m', 'the workspace']);
  // The toolchain ./pnpmw provisioned here (git-ignored), so that the copy needs no network.
  if (existsSync(join(root, '.toolchain')))
    symlinkSync(join(root, '.toolchain'), join(workspace, '.toolchain'), 'dir');
  // turbo's local cache of the builds already done here (git-ignored too), as a contributor's
  // clone has it: the packages the new provider leaves unchanged are restored, not built again
  // (the whole build took most of this test's minutes on a loaded CI machine).
  const cache = join(root, '.turbo', 'cache');
  if (existsSync(cache)) cpSync(cache, join(workspace, '.turbo', 'cache'), { recursive: true });
});

afterAll(() => {
  receiver?.kill();
  rmSync(scratch, { recursive: true, force: true });
});

// Installs, a build, three nested test runs and `cdr demo`: minutes, more under the
// moved-clock runs of CI, where the whole suite shares two cores.
test('a provider added with the generator is synced and received with no other file edited', {
  timeout: 900_000,
}, async () => {
  // CONTRIBUTING.md, "Adding a provider", step 1, as written.
  const [install, generate, suite, ...more] = scaffoldSteps('hello-pbx');
  expect([install, generate, suite, more]).toEqual([
    './pnpmw install',
    './pnpmw new-provider hello-pbx',
    './pnpmw --filter @cdr/hello-pbx test',
    [],
  ]);
  await shell(install!);
  const generated = await shell(generate!);
  expect(generated.stdout).toContain('Created @cdr/hello-pbx');
  const scaffolded = await fails(suite!);
  expect(scaffolded, 'the scaffold must fail its conformance suite').toBeDefined();
  expect(`${scaffolded!.stdout}${scaffolded!.stderr}`).toContain(
    'implement src/testing/hello-pbx-simulator.ts',
  );

  // "Implemented": the fixture's files over the scaffold's.
  cpSync(fixture, join(workspace, 'packages/hello-pbx'), {
    recursive: true,
    filter: (source) => !source.endsWith('README.md'),
  });
  // The generator's "Next" commands as it printed them, the suite now passing.
  const next = nextSteps(generated.stdout);
  expect(next).toEqual([
    suite,
    'grep -rn "TODO(hello-pbx)" packages/hello-pbx',
    './pnpmw build && ./pnpmw generate:registry',
    './cdr sync --provider hello-pbx',
  ]);
  for (const line of next.filter((command) => !command.startsWith('grep'))) {
    const { stdout } = await shell(line);
    if (line.startsWith('./cdr sync'))
      expect(stdout).toMatch(/^hello-pbx\s.*?[1-9]\d* listed, [1-9]\d* new/m);
  }

  // `cdr demo`: every simulator, the new one among them, synced into a database of its own.
  const demo = await cdr(['demo']);
  const synced = /^hello-pbx\s.*?(\d+) listed, (\d+) new/m.exec(demo.stdout);
  expect(synced, demo.stdout).not.toBeNull();
  expect(Number(synced![1])).toBeGreaterThan(0);
  expect(synced![2]).toBe(synced![1]);

  // `cdr receive` with the simulators: the push its hint shows is stored.
  const pushed = await receivePush();
  expect(pushed.stdout).toMatch(/^stored hello-pbx [0-9a-f]{24}$/m);

  // Nothing edited by hand: the package, its changeset, and the generated files.
  const { stdout: status } = await git(['status', '--porcelain', '--untracked-files=all']);
  const changed = status
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3))
    .filter((path) => !path.startsWith('packages/hello-pbx/'));
  expect(changed.sort()).toEqual([
    '.changeset/hello-pbx-first-release.md',
    '.env.example',
    'CONTRIBUTING.md',
    'README.md',
    'apps/demo/package.json',
    'apps/demo/src/accounts/provider-names.ts',
    'apps/demo/src/accounts/provider-registry.ts',
    'pnpm-lock.yaml',
  ]);
  const { stdout: example } = await git(['diff', '.env.example']);
  expect(example).toContain('+HELLO_PBX_API_KEY=');
  expect(example).toContain('+HELLO_PBX_WEBHOOK_TOKEN=');
  // The README's row is the scaffold's description, still to be written (its TODO says so).
  const { stdout: readme } = await git(['diff', '--unified=0', 'README.md']);
  expect(readme.split('\n').filter((line) => /^[-+][^-+]/.test(line))).toEqual([
    '+| [`@cdr/hello-pbx`](packages/hello-pbx) | HelloPbx: TODO(hello-pbx) what it lists and how (API, paging, limits), what it receives (pushes); simulator in `@cdr/hello-pbx/testing` |',
  ]);
  // Its sizes row (the counts the provider-sizes test below holds to its files).
  const { stdout: sizes } = await git(['diff', '--unified=0', 'CONTRIBUTING.md']);
  expect(sizes.split('\n').filter((line) => /^[-+][^-+]/.test(line))).toEqual([
    expect.stringMatching(
      /^\+\| `@cdr\/hello-pbx` \| [1-9]\d* \| [1-9]\d* \| [1-9]\d* \| [1-9]\d* \| [1-9]\d* \|$/,
    ),
  ]);
  // And the tests that hold the generated files to the packages pass on them, untouched.
  await shell(
    './pnpmw --filter @cdr/install-tests exec vitest run src/readme-providers.test.ts src/provider-sizes.test.ts',
  );
  await shell('./pnpmw --filter @cdr/demo exec vitest run src/accounts/provider-registry.test.ts');
});

/** Starts `cdr receive`, sends the test push it prints for Hello PBX, stops it. */
async function receivePush(): Promise<{ stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    [join(workspace, 'apps/demo/dist/cdr.js'), 'receive', '--port', '0'],
    { cwd: scratch, env: cdrEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  receiver = child;
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const until = async (done: () => boolean, what: string) => {
    for (let waited = 0; !done(); waited += 50) {
      if (waited > 60_000 || child.exitCode !== null)
        throw new Error(`cdr receive: no ${what}\n${stdout}\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  // `Push a test HelloPbx call:` then `curl -H 'content-type: …' --data-raw '<body>' <url>`.
  const hint =
    /Push a test HelloPbx call:\s+curl -H '([^:']+): ([^']*)' --data-raw '([^']*)' (\S+)/;
  await until(() => hint.test(stderr), 'test push hint');
  const [, header, value, body, url] = hint.exec(stderr)!;
  const answer = await fetch(url!, { method: 'POST', headers: { [header!]: value! }, body });
  expect(answer.status, await answer.text()).toBeLessThan(300);
  await until(() => /^stored hello-pbx /m.test(stdout), 'stored call');
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  return { stdout, stderr };
}
