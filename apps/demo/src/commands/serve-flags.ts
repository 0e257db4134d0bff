// `cdr serve`'s flags and help, and its action, which loads the dashboard only when it runs.
import type { Command } from 'commander';
import type { GlobalOptions } from '../cli/global-options.ts';
import { examples } from '../cli/help-text.ts';
import { type CommandHost, lazyAction } from '../cli/lazy-action.ts';
import { parseHost, parsePort } from '../cli/options.ts';

export interface ServeOptions extends GlobalOptions {
  host: string;
  port: number;
}

export function defineServe(program: Command, host: CommandHost): Command {
  return program
    .command('serve')
    .description(
      'serve the dashboard over HTTP from the live database, refreshed as syncs and pushes land',
    )
    .option('--host <host>', 'address to listen on', parseHost, '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', parsePort, 8788)
    .addHelpText(
      'after',
      examples('cdr serve', 'cdr --db postgres://cdr@db/cdr serve --host 0.0.0.0 --port 8080'),
    )
    .action(
      lazyAction<ServeOptions>(host, async () => (await import('./serve-command.ts')).runServe),
    );
}
