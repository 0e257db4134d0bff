// The provider packages of the workspace, found as the sync tool's registry finds them
// (scripts/provider-registry.ts): every folder under packages/ whose package.json declares
// `"cdr": { "descriptor": "<export>" }`. The install tests cover each one, so a new provider
// needs no edit here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkspaceProvider {
  /** The folder under packages/: `telnyx`. */
  folder: string;
  /** The package name: `@cdr/telnyx`. */
  name: string;
  /** The descriptor's export name: `telnyxDescriptor`. */
  descriptor: string;
  /**
   * Where the descriptor is imported from: the package's `./descriptor` subpath when it
   * exports one, else its main entry.
   */
  descriptorModule: string;
}

interface Manifest {
  name?: unknown;
  private?: unknown;
  exports?: unknown;
  cdr?: { descriptor?: unknown };
}

function manifestOf(directory: string): Manifest | undefined {
  const file = join(directory, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : undefined;
}

/** Every provider package under `root/packages`, by folder name. */
export function workspaceProviders(root: string): WorkspaceProvider[] {
  const packages = join(root, 'packages');
  return readdirSync(packages, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((folder) => {
      const manifest = manifestOf(join(packages, folder));
      const descriptor = manifest?.cdr?.descriptor;
      if (typeof manifest?.name !== 'string' || typeof descriptor !== 'string') return [];
      const exports = manifest.exports;
      const hasSubpath =
        typeof exports === 'object' && exports !== null && './descriptor' in exports;
      return [
        {
          folder,
          name: manifest.name,
          descriptor,
          descriptorModule: hasSubpath ? `${manifest.name}/descriptor` : manifest.name,
        },
      ];
    });
}
