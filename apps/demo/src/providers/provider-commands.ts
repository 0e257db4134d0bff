// Commands only some providers have, kept out of the generic command line: Ozonetel's
// lookups by UCID. Registered without loading the provider packages (`--help` stays fast).
import { type Command, Option } from 'commander';
import type { CliIo } from '../cli/cli-io.ts';
import { outputOptions } from '../cli/output.ts';

export function registerProviderCommands(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  program
    .command('lookup')
    .description('look Ozonetel calls up by UCID and store them')
    .argument('[ucids...]', 'UCIDs (numeric)')
    .option('--file <path>', 'a file of UCIDs, one per line')
    .option('--account <name>', 'the Ozonetel account, when several are configured')
    .addOption(
      new Option('--report-type <type>', 'force one store instead of the IST-clock choice').choices(
        ['currentday', 'historical'],
      ),
    )
    .addOption(outputOptions()[0]!)
    .addOption(outputOptions()[1]!)
    .addHelpText(
      'after',
      '\nExamples:\n  $ cdr lookup 25431234567890\n  $ cdr lookup --file ucids.txt --json',
    )
    .action(async (ucids: string[], _options, command: Command) => {
      const { runLookup } = await import('./ozonetel/lookup-command.ts');
      setExitCode(await runLookup(io, command.optsWithGlobals(), ucids));
    });
}
