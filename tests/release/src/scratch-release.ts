// A scratch copy of the workspace that can be released over and over: changesets written
// into it, `changeset version` run in it, its public packages packed with pnpm, and the
// tarballs installed with npm in projects outside any workspace, as users install them.
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

// npm must not inherit what pnpm put in the environment for this workspace (the proxy and
// certificate variables stay: turbo.json passes them through for registries behind them).
const cleanEnvironment = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_)/i.test(key)),
);

export type BumpType = 'patch' | 'minor' | 'major';

/** What a packed tarball's package.json says. */
export interface PackedManifest {
  name: string;
  version: string;
  peerDependencies?: Record<string, string>;
}

/** One released version of a package, packed as it would be published. */
export interface PackedRelease {
  manifest: PackedManifest;
  tarball: string;
}

/** What `npm install` of some tarballs gave: its error output when it refused. */
export interface InstallResult {
  ok: boolean;
  output: string;
}

function changesetBin(): string {
  const manifestPath = require.resolve('@changesets/cli/package.json');
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    bin: string | Record<string, string>;
  };
  const relative = typeof bin === 'string' ? bin : bin.changeset;
  if (relative === undefined) throw new Error('@changesets/cli declares no changeset binary');
  return join(manifestPath, '..', relative);
}

export class ScratchRelease {
  readonly directory: string;
  /** Every version released so far, by package name, as the registry would hold them. */
  readonly published = new Map<string, PackedRelease[]>();
  private readonly tarballs: string;
  private projects = 0;
  private changesets = 0;

  /**
   * Copies `root` (sources, manifests, `.changeset/` with its pending changesets and the
   * packages' built `dist/`) into a scratch folder that uses the workspace's node_modules.
   */
  constructor(root: string) {
    this.directory = mkdtempSync(join(tmpdir(), 'cdr-release-'));
    this.tarballs = join(this.directory, '.tarballs');
    const skipped = new Set(['node_modules', '.git', '.toolchain', '.worktrees', '.turbo', 'dist']);
    cpSync(root, join(this.directory, 'workspace'), {
      recursive: true,
      filter: (source) => !skipped.has(source.split('/').at(-1) ?? ''),
    });
    symlinkSync(join(root, 'node_modules'), join(this.workspace, 'node_modules'));
    for (const name of this.publicPackageDirectories()) {
      const dist = join(root, 'packages', name, 'dist');
      if (!existsSync(dist)) throw new Error(`packages/${name} is not built: run ./pnpmw build`);
      cpSync(dist, join(this.workspace, 'packages', name, 'dist'), { recursive: true });
    }
    mkdirSync(this.tarballs);
  }

  get workspace(): string {
    return join(this.directory, 'workspace');
  }

  /** The folders under packages/ whose package is published (not private). */
  publicPackageDirectories(): string[] {
    return readdirSync(join(this.workspace, 'packages')).filter(
      (name) =>
        existsSync(join(this.workspace, 'packages', name, 'package.json')) &&
        !this.manifest(name).private,
    );
  }

  manifest(directory: string): PackedManifest & { private?: boolean } {
    return JSON.parse(
      readFileSync(join(this.workspace, 'packages', directory, 'package.json'), 'utf8'),
    ) as PackedManifest & { private?: boolean };
  }

  /** Records a changeset, as `./pnpmw changeset` would. */
  addChangeset(releases: Record<string, BumpType>): void {
    this.changesets += 1;
    const front = Object.entries(releases)
      .map(([name, type]) => `'${name}': ${type}`)
      .join('\n');
    writeFileSync(
      join(this.workspace, '.changeset', `release-test-${this.changesets}.md`),
      `---\n${front}\n---\n\nA change made by the release test.\n`,
    );
  }

  /**
   * Runs `changeset version`, then packs every public package whose version it changed.
   * Returns those releases.
   */
  async version(): Promise<PackedRelease[]> {
    const before = new Map(
      this.publicPackageDirectories().map((name) => [name, this.manifest(name).version]),
    );
    await run(process.execPath, [changesetBin(), 'version'], { cwd: this.workspace });
    const changed = [...before].filter(
      ([directory, version]) => this.manifest(directory).version !== version,
    );
    // pnpm pack is mostly start-up time: pack the released packages at once.
    const released = await Promise.all(changed.map(([directory]) => this.pack(directory)));
    for (const release of released) {
      const versions = this.published.get(release.manifest.name) ?? [];
      versions.push(release);
      this.published.set(release.manifest.name, versions);
    }
    return released;
  }

  /**
   * `pnpm pack`, which writes the published manifest (workspace: ranges made real). A pack
   * not finished in three minutes is killed and run once more: under the CI's moved clock
   * (libfaketime) one was seen never to exit, and a hang would hold the whole run.
   */
  private async pack(directory: string): Promise<PackedRelease> {
    const pack = () =>
      run('pnpm', ['pack', '--pack-destination', this.tarballs], {
        cwd: join(this.workspace, 'packages', directory),
        timeout: 180_000,
        killSignal: 'SIGKILL',
      });
    const { stdout } = await pack().catch((error: { killed?: boolean }) => {
      if (error.killed) return pack();
      throw error;
    });
    const file = stdout.trim().split('\n').at(-1)?.trim() ?? '';
    const tarball = file.startsWith('/') ? file : join(this.tarballs, file);
    const { stdout: manifest } = await run('tar', ['-xOzf', tarball, 'package/package.json']);
    return { manifest: JSON.parse(manifest) as PackedManifest, tarball };
  }

  /**
   * `npm install` of the given tarballs (and, from the registry, their third-party
   * dependencies) into a new project. `lockfileOnly` resolves the tree as a full install
   * does, peer ranges included (ERESOLVE comes from that step), without unpacking it.
   */
  async install(
    tarballs: string[],
    options: { lockfileOnly: boolean },
  ): Promise<InstallResult & { project: string }> {
    this.projects += 1;
    const project = join(this.directory, `project-${this.projects}`);
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: `scratch-${this.projects}`, private: true }),
    );
    const args = [
      'install',
      ...tarballs,
      ...(options.lockfileOnly ? ['--package-lock-only'] : []),
      '--ignore-scripts',
      '--prefer-offline',
      // Fail in minutes, not hours, when the registry cannot be reached.
      '--fetch-retries=2',
      '--fetch-timeout=60000',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ];
    return run('npm', args, {
      cwd: project,
      env: cleanEnvironment,
      maxBuffer: 16 * 1024 * 1024,
    }).then(
      () => ({ ok: true, output: '', project }),
      (error: { stderr?: string; stdout?: string }) => ({
        ok: false,
        output: `${error.stderr ?? ''}${error.stdout ?? ''}` || String(error),
        project,
      }),
    );
  }

  /** Runs a command in a project made by `install`. */
  async runIn(project: string, command: string, args: string[]): Promise<string> {
    const { stdout } = await run(command, args, { cwd: project, env: cleanEnvironment });
    return stdout;
  }

  remove(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }
}
