// `pnpm pack` of one workspace package, as the install tests need it: the tarball's path.
// A pack that has not finished in three minutes is killed and run once more: under the
// CI's moved clock (libfaketime) a pack was once seen never to exit, waiting on a futex
// with its work done, and a hang there would hold the whole run rather than fail a test.
import { execFile } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const packTimeoutMs = 180_000;

/** Packs the package in `directory` into `destination`; resolves with the tarball's path. */
export async function pnpmPack(directory: string, destination: string): Promise<string> {
  const pack = () =>
    run('pnpm', ['pack', '--pack-destination', destination], {
      cwd: directory,
      timeout: packTimeoutMs,
      killSignal: 'SIGKILL',
    });
  const { stdout } = await pack().catch((error: { killed?: boolean }) => {
    if (error.killed) return pack();
    throw error;
  });
  const file = stdout.trim().split('\n').at(-1)?.trim() ?? '';
  return isAbsolute(file) ? file : join(destination, file);
}
