import type { CliIo } from './cli-io.ts';
import type { Logger } from './logger.ts';

// One logger per run of the CLI: the session, the command and the run's last line share it,
// and with it the secrets it redacts. Keyed by the run's standard error, which every copy of
// the run's `io` shares (a command may widen its `io`, as the time zone does). Kept apart
// from the logger itself so that ending a run (`runCli`) looks it up without loading pino.
const loggers = new WeakMap<object, Logger>();

export function rememberLogger(io: Pick<CliIo, 'stderr'>, logger: Logger): void {
  loggers.set(io.stderr, logger);
}

/** The run's logger if a command made one (a failure before any did is told as text). */
export function existingLoggerOf(io: Pick<CliIo, 'stderr'>): Logger | undefined {
  return loggers.get(io.stderr);
}
