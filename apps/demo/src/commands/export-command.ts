import { writeFileAtomically } from '../export/atomic-file.ts';
import { writeExport } from '../export/export-calls.ts';
import type { CliIo } from '../support/cli-io.ts';
import { exitCodes } from '../support/exit-codes.ts';
import { userPath } from '../support/paths.ts';
import { checkSources } from './check-sources.ts';
import { withStore } from './command-context.ts';
import type { ExportOptions } from './export-flags.ts';
import { filterFromOptions } from './filter-options.ts';

/** `cdr export`: every matching call, streamed (memory stays flat for any number). */
export async function runExport(io: CliIo, options: ExportOptions): Promise<number> {
  const filter = filterFromOptions(options, io.now());
  const { format, out } = options;
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
