// Text the help pages share: each command's examples, in one layout, and the exit codes
// the program's own page lists.

/** A command's `Examples:` section, one `$ cdr …` line each. */
export const examples = (...lines: string[]) =>
  `\nExamples:\n${lines.map((text) => `  $ ${text}`).join('\n')}`;

export const exitCodeHelp = `
Exit codes:
  0  done
  1  a usage or local error (a flag, a file, the database, the configuration)
  2  a provider failed (every account or lookup the command ran)
  3  partial success (some accounts or lookups failed, the others are done)
  130  interrupted (Ctrl-C); 143: terminated (SIGTERM); what was committed stays
       (worker, serve and receive stop cleanly on either: 0)`;
