import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import type { CliIo } from './cli-io.ts';
import { UsageError } from './usage-error.ts';

/** The variables of the `.env` file in `folder`, read now; none when there is no file. */
export function readDotEnv(folder: string): Record<string, string> {
  const path = join(folder, '.env');
  try {
    return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

/**
 * The environment as it is now, for a process that runs for days (`cdr worker`): its own
 * variables as it was started with them, over the `.env` file as it reads today, so that
 * credentials fixed in `.env` are used without a restart. At start the `.env` file was
 * loaded into the process's variables (variables already set winning, as every loader
 * does): those that hold the value `.env` gave then are taken for `.env`'s and read again.
 */
export function createEnvironmentReader(
  io: Pick<CliIo, 'env' | 'cwd'>,
): () => Readonly<Record<string, string | undefined>> {
  const loadedAtStart = readDotEnv(io.cwd);
  const own = Object.fromEntries(
    Object.entries(io.env).filter(([name, value]) => loadedAtStart[name] !== value),
  );
  return () => ({ ...readDotEnv(io.cwd), ...own });
}
