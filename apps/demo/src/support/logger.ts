import type { TransportEvent } from '@cdr/core';
import { Redactor } from '@cdr/core/provider-utils';
import pino from 'pino';
import type { CliIo } from './cli-io.ts';
import { line } from './cli-io.ts';
import { type LogFormat, type LogSettings, logSettingsOf } from './log-settings.ts';
import { existingLoggerOf, rememberLogger } from './run-logger.ts';
import { transportLogEntry } from './transport-log-entry.ts';

/**
 * What a log line says besides its message. The named fields are those an operator filters
 * on; a command adds its own counts (`listed`, `inserted`, …) beside them.
 */
export interface LogFields {
  /** The account the line is about: `twilio:main`. */
  account?: string | undefined;
  /** Its provider family: `twilio`. */
  provider?: string | undefined;
  /** How long the work the line reports took, in milliseconds (measured, not read off a clock). */
  durationMs?: number | undefined;
  /** The typed error's code (`authentication`, `rate_limited`, …; see @cdr/core's errors). */
  errorCode?: string | undefined;
  /** The error's message, without its code. */
  error?: string | undefined;
  [name: string]: unknown;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * How a log call is shown in the text format: the line itself (today's wording, colour on
 * a terminal), or `null` when the text format shows nothing (the command's output on
 * standard output already said it). Default: the message.
 */
export type TextLine = string | null | undefined;

/** Where a command's logs go: standard error, as text lines or one JSON object per line. */
export interface Logger {
  readonly format: LogFormat;
  /** Whether the transport's events are shown (`-v`, `DEBUG=cdr:http`). */
  readonly showsTransport: boolean;
  log(level: LogLevel, message: string, fields?: LogFields, text?: TextLine): void;
  debug(message: string, fields?: LogFields, text?: TextLine): void;
  info(message: string, fields?: LogFields, text?: TextLine): void;
  warn(message: string, fields?: LogFields, text?: TextLine): void;
  error(message: string, fields?: LogFields, text?: TextLine): void;
  /** From now on these secrets never reach a log line, in any encoding core redacts. */
  redact(secrets: readonly string[]): void;
  /** One of the transport's events (a request, a retry, a wait), when they are shown. */
  transportEvent(event: TransportEvent): void;
}

const levelOrder: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

/** The code and message of an error, for `errorCode` and `error`: never its stack. */
export function errorFields(error: unknown): Pick<LogFields, 'errorCode' | 'error'> {
  const code =
    error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string'
      ? (error as { code: string }).code
      : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return { ...(code !== undefined ? { errorCode: code } : {}), error: message };
}

/** The account and its provider family (`twilio:main` → `twilio`), for a log line's fields. */
export function accountFields(account: string): Pick<LogFields, 'account' | 'provider'> {
  return { account, provider: account.split(':')[0] };
}

/**
 * A logger on `io`'s standard error. JSON lines are pino's, with the level as a word and
 * the time from the command's clock (`CDR_NOW` moves both, so a replayed run logs the
 * times it acts at); text lines are the tool's usual wording.
 */
export function createLogger(io: Pick<CliIo, 'stderr' | 'now'>, settings: LogSettings): Logger {
  const threshold = settings.showsTransport ? 'debug' : 'info';
  const redactor = new Redactor([]);
  const json =
    settings.format === 'json'
      ? pino(
          {
            level: threshold,
            timestamp: () => `,"time":"${io.now().toISOString()}"`,
            formatters: { level: (label) => ({ level: label }) },
          },
          { write: (text: string) => io.stderr.write(text) },
        )
      : undefined;
  const logger: Logger = {
    format: settings.format,
    showsTransport: settings.showsTransport,
    log(level, message, fields = {}, text) {
      if (levelOrder[level] < levelOrder[threshold]) return;
      if (json) {
        const defined = Object.fromEntries(
          Object.entries(fields).filter(([, value]) => value !== undefined),
        );
        json[level](redactor.scrub(defined), redactor.redact(message));
        return;
      }
      const shown = text === undefined ? message : text;
      if (shown !== null) line(io.stderr, redactor.redact(shown));
    },
    debug: (message, fields, text) => logger.log('debug', message, fields, text),
    info: (message, fields, text) => logger.log('info', message, fields, text),
    warn: (message, fields, text) => logger.log('warn', message, fields, text),
    error: (message, fields, text) => logger.log('error', message, fields, text),
    redact(secrets) {
      for (const secret of secrets) redactor.add(secret);
    },
    transportEvent(event) {
      if (!settings.showsTransport) return;
      const entry = transportLogEntry(event);
      logger.debug(entry.message, entry.fields, entry.text);
    },
  };
  return logger;
}

/** The run's logger, made on first use from the command's options and environment. */
export function loggerOf(
  io: Pick<CliIo, 'stderr' | 'now' | 'env'>,
  options: { logFormat?: LogFormat | undefined; verbose?: boolean | undefined },
): Logger {
  let logger = existingLoggerOf(io);
  if (!logger) {
    logger = createLogger(io, logSettingsOf(io.env, options));
    rememberLogger(io, logger);
  }
  return logger;
}
