import type { CliIo } from '../cli/cli-io.ts';
import { exitCodes } from '../cli/exit-codes.ts';
import { userPath } from '../cli/paths.ts';
import type { GlobalOptions } from '../cli/program.ts';
import { writeFileAtomically } from '../export/atomic-file.ts';
import { type ExportFormat, writeExport } from '../export/export-calls.ts';
import { checkSources } from './check-sources.ts';
import { withStore } from './command-context.ts';
import { filterFromOptions } from './filter-options.ts';

/** `cdr export`: every matching call, streamed (memory stays flat for any number). */
export async function runExport(
  io: CliIo,
  options: GlobalOptions & Record<string, unknown>,
): Promise<number> {
  const filter = filterFromOptions(options, io.now());
  const format = options.format as ExportFormat;
  const out = options.out as string | undefined;
  return withStore(io, options, { mustExist: true }, async (store) => {
    await checkSources(store, filter.sources);
    if (out && out !== '-') {
      const path = userPath(io, out);
      await writeFileAtomically(path, (stream) =>
        writeExport(store.iterateCalls(filter), format, stream),
      );
      return exitCodes.ok;
    }
    // A reader that leaves (`| head`) or a full disk ends here as for every command's
    // output (`guardOutput`, in runCli).
    await writeExport(store.iterateCalls(filter), format, io.stdout, {
      end: false,
      terminal: io.stdout.isTTY === true,
    });
    return exitCodes.ok;
  });
}
