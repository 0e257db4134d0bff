import type { CliIo } from '../cli/cli-io.ts';
import { exitCodes } from '../cli/exit-codes.ts';
import { toFileError } from '../cli/file-error.ts';
import { userPath } from '../cli/paths.ts';
import type { GlobalOptions } from '../cli/program.ts';
import { writeFileAtomically } from '../export/atomic-file.ts';
import { type ExportFormat, writeExport } from '../export/export-calls.ts';
import { withStore } from './command-context.ts';
import { filterFromOptions } from './filter-options.ts';

/** `cdr export`: every matching call, streamed (memory stays flat for any number). */
export async function runExport(
  io: CliIo,
  options: GlobalOptions & Record<string, unknown>,
): Promise<number> {
  const filter = filterFromOptions(options);
  const format = options.format as ExportFormat;
  const out = options.out as string | undefined;
  return withStore(io, options, { mustExist: true }, async (store) => {
    if (out && out !== '-') {
      const path = userPath(io, out);
      await writeFileAtomically(path, (stream) =>
        writeExport(store.iterateCalls(filter), format, stream),
      );
      return exitCodes.ok;
    }
    try {
      await writeExport(store.iterateCalls(filter), format, io.stdout, { end: false });
    } catch (error) {
      // The reader left (`cdr export … | head`): what it wanted was written.
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return exitCodes.ok;
      throw toFileError(error, 'standard output');
    }
    return exitCodes.ok;
  });
}
