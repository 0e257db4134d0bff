// `cdr report`'s flags and help, and its action, which loads the report only when it runs.
import { type Command, Option } from 'commander';
import type { GlobalOptions } from '../cli/global-options.ts';
import { examples } from '../cli/help-text.ts';
import { type CommandHost, lazyAction } from '../cli/lazy-action.ts';
import { collect, parsePositiveInteger } from '../cli/options.ts';
import {
  addWindowOptions,
  directionChoices,
  type FilterOptions,
  type WindowOptions,
} from '../cli/shared-flags.ts';
import { type OutputOptions, outputOptions } from '../support/output.ts';

export interface ReportOptions extends GlobalOptions, WindowOptions, OutputOptions {
  /** Providers or accounts, repeatable. */
  provider?: string[] | undefined;
  direction?: FilterOptions['direction'];
  /** Rows in the missed-call and agent lists. */
  top: number;
  /** Count a call's legs as calls. */
  legs?: boolean | undefined;
  /** Also write the dashboard to this file. */
  html?: string | undefined;
}

export function defineReport(program: Command, host: CommandHost): Command {
  const command = program
    .command('report')
    .description(
      'calls per day, answer rate, unreturned missed calls, time and cost, busiest agents',
    )
    .addHelpText(
      'after',
      examples(
        'cdr report',
        'cdr report --from 7d --direction inbound',
        'cdr report --json',
        'cdr report --html report.html',
      ),
    );
  return addWindowOptions(command, 'report on calls started', host.io)
    .option('--provider <name>', 'a provider or one account; repeatable', collect)
    .addOption(new Option('--direction <direction>', 'call direction').choices(directionChoices))
    .option('--top <count>', 'rows in the missed-call and agent lists', parsePositiveInteger, 5)
    .option(
      '--legs',
      'count each leg of a call as a call (a leg a provider lists apart, such as a dialled one); by default a leg is folded into its call',
    )
    .option(
      '--html <file>',
      'also write the dashboard: one self-contained HTML file, filterable in the browser',
    )
    .addOption(outputOptions()[0]!)
    .addOption(outputOptions()[1]!)
    .action(
      lazyAction<ReportOptions>(host, async () => (await import('./report-command.ts')).runReport),
    );
}
