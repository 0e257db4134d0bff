// B16: what one import weighs in an application's bundle (esbuild, minified, for Node, as
// an application bundler would build it): a provider's factory alone, one error class alone,
// one webhook parser alone, against undici alone. The targets (issue #23): the error class
// carries no zod, the webhook parser no undici. Each row says which packages the bundle holds.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BenchmarkConfig, BenchmarkRow } from './harness.ts';

const resolveDir = fileURLToPath(new URL('..', import.meta.url));

interface Bundle {
  bytes: number;
  /** Bytes of the output from each package, by name (`zod`, `@cdr/core`…). */
  packages: Map<string, number>;
}

/** The package a bundled file belongs to, from its path (pnpm's or the workspace's). */
function packageOf(path: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(path);
  if (inModules) return inModules[1]!;
  const inWorkspace = /(?:^|\/)packages\/([^/]+)\//.exec(path);
  return inWorkspace ? `@cdr/${inWorkspace[1]}` : path;
}

async function bundle(source: string): Promise<Bundle> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const packages = new Map<string, number>();
  for (const [path, input] of Object.entries(output.inputs)) {
    const name = packageOf(path);
    packages.set(name, (packages.get(name) ?? 0) + input.bytesInOutput);
  }
  return { bytes: result.outputFiles[0]!.contents.byteLength, packages };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function holding(result: Bundle): string {
  return [...result.packages]
    .filter(([, bytes]) => bytes >= 1024)
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => `${name} ${kb(bytes)}`)
    .join(', ');
}

export async function runB16(_config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  const undici = await bundle("export { Agent } from 'undici';");
  const cases = [
    {
      what: "the factory alone: `export { createTwilio } from '@cdr/twilio'`",
      source: "export { createTwilio } from '@cdr/twilio';",
      forbidden: undefined,
    },
    {
      what: "one error class alone: `export { AuthenticationError } from '@cdr/core'`",
      source: "export { AuthenticationError } from '@cdr/core';",
      forbidden: 'zod',
    },
    {
      what: "one webhook parser alone: `export { parseTwilioStatusCallback } from '@cdr/twilio/push'`",
      source: "export { parseTwilioStatusCallback } from '@cdr/twilio/push';",
      forbidden: 'undici',
    },
  ] as const;
  const rows: BenchmarkRow[] = [];
  for (const entry of cases) {
    const result = await bundle(entry.source);
    const carries = entry.forbidden !== undefined && result.packages.has(entry.forbidden);
    rows.push({
      id: 'B16',
      what: `${entry.what}, esbuild minified (holds: ${holding(result) || 'nothing over 1 KB'})`,
      figure: kb(result.bytes),
      baseline: `${kb(undici.bytes)} (undici's Agent alone)`,
      ratio: (result.bytes / undici.bytes).toFixed(3),
      target: entry.forbidden ? `no ${entry.forbidden}` : 'n/a',
      met: entry.forbidden ? !carries : 'n/a',
      runs: 1,
    });
  }
  return rows;
}
