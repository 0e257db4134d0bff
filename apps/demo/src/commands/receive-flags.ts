// `cdr receive`'s flags and help, and its action, which loads the receiver only when it runs.
import type { Command } from 'commander';
import type { GlobalOptions } from '../cli/global-options.ts';
import { examples } from '../cli/help-text.ts';
import { type CommandHost, lazyAction } from '../cli/lazy-action.ts';
import { parseHost, parsePort, parsePublicUrl, parseUrlPath } from '../cli/options.ts';

export interface ReceiveOptions extends GlobalOptions {
  host: string;
  port: number;
  /** A prefix before every account's path (a reverse proxy that keeps its own). */
  path?: string | undefined;
  /** The receiver's public URL, which some providers sign (default `CDR_PUBLIC_URL`). */
  publicUrl?: string | undefined;
}

export function defineReceive(program: Command, host: CommandHost): Command {
  return program
    .command('receive')
    .description(
      'receive every provider’s pushes (status callbacks, webhooks: the routes each provider declares, listed at start) over HTTP and store each call',
    )
    .option('--host <host>', 'address to listen on', parseHost, '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', parsePort, 8787)
    .option(
      '--path <prefix>',
      'a path before each provider’s own (/<provider>/…), for a proxy that keeps its prefix',
      parseUrlPath,
    )
    .option(
      '--public-url <url>',
      'the URL providers reach the receiver at, behind a proxy (https://cdr.example.com): some sign it; default $CDR_PUBLIC_URL',
      parsePublicUrl,
    )
    .addHelpText(
      'after',
      examples(
        'cdr receive',
        'cdr receive --host 0.0.0.0 --port 8080 --path /cdr',
        'cdr receive --port 8080 --public-url https://cdr.example.com',
      ),
    )
    .action(
      lazyAction<ReceiveOptions>(
        host,
        async () => (await import('./receive-command.ts')).runReceive,
      ),
    );
}
