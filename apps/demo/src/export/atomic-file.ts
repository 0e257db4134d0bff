import { createWriteStream, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { toFileError } from '../support/file-error.ts';

/** The file a path ends at: through symbolic links, so a link is written through, not replaced. */
function resolveTarget(path: string): { path: string; regular: boolean } {
  try {
    const target = realpathSync(path);
    return { path: target, regular: statSync(target).isFile() };
  } catch {
    return { path, regular: true }; // Not there yet: it will be a regular file.
  }
}

async function writeStreamed(
  path: string,
  flags: string,
  write: (stream: Writable) => Promise<void>,
): Promise<void> {
  const stream = createWriteStream(path, { flags });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
    await write(stream);
    if (!stream.writableEnded) stream.end();
    await finished(stream);
  } catch (error) {
    stream.destroy();
    throw error;
  }
}

/**
 * Writes a file whole or not at all: into a temporary file beside it, renamed over the
 * target only once `write` has finished. A failure (the database, the disk, an abort)
 * removes the temporary file and leaves no partial export behind — nor touches a file
 * that was there before. A target that is not a regular file (`/dev/stdout`, a named pipe,
 * `/dev/null`) cannot be replaced by a rename, and must not be: it is written to directly.
 */
export async function writeFileAtomically(
  path: string,
  write: (stream: Writable) => Promise<void>,
): Promise<void> {
  const target = resolveTarget(path);
  try {
    if (!target.regular) return await writeStreamed(target.path, 'w', write);
    const temporary = join(
      dirname(target.path),
      `.${basename(target.path)}.${process.pid}.${Math.random().toString(36).slice(2)}.partial`,
    );
    try {
      await writeStreamed(temporary, 'wx', write);
      renameSync(temporary, target.path);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  } catch (error) {
    throw toFileError(error, path);
  }
}
