// Checked when the package is first imported, before anything that needs a newer Node.js:
// each entry re-exports from this module first, so it is evaluated ahead of undici, which
// on Node.js 20 fails at import with a TypeError deep inside its decompression code.

/** The oldest Node.js every `@cdr/*` package runs on (`engines` says the same, but npm only warns). */
export const minimumNodeVersion = '22.19.0';

/** Why `version` (e.g. `process.versions.node`) cannot run cdr, or `undefined` when it can. */
export function nodeVersionProblem(version: string): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [wantedMajor = 0, wantedMinor = 0] = minimumNodeVersion.split('.').map(Number);
  if (major > wantedMajor || (major === wantedMajor && minor >= wantedMinor)) return undefined;
  return `cdr needs Node.js ${minimumNodeVersion} or later; this is Node.js ${version}. Install a current Node.js (https://nodejs.org) or run it through a version manager.`;
}

const problem = nodeVersionProblem(process.versions.node);
if (problem !== undefined) throw new Error(problem);
