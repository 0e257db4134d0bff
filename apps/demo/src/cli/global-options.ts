// The root program's flags as every command's run function sees them. Kept apart from
// program.ts so that the commands, which take these options, never import the program that
// registers them.
import type { LogFormat } from '../support/log-settings.ts';

/** The flags every command understands, after commander has parsed them. */
export interface GlobalOptions {
  db?: string | undefined;
  accounts?: string | undefined;
  requestTimeout?: number | undefined;
  retries?: number | undefined;
  quiet?: boolean | undefined;
  verbose?: boolean | undefined;
  logFormat?: LogFormat | undefined;
  allowSimulated?: boolean | undefined;
  /** Checked and applied before parsing (`io.timeZone`): here only so commander knows it. */
  tz?: string | undefined;
}
