import { UsageError } from './usage-error.ts';

/** `--log-format`'s values: the tool's usual lines, or one JSON object per line. */
export const logFormats = ['text', 'json'] as const;
export type LogFormat = (typeof logFormats)[number];

/** The variable that sets the log format when `--log-format` is not given. */
export const logFormatVariable = 'CDR_LOG_FORMAT';

export interface LogSettings {
  format: LogFormat;
  /** Whether the transport's events (requests, retries, waits) are logged. */
  showsTransport: boolean;
}

/**
 * Whether `DEBUG` (the `debug` package's convention: names or `prefix:*` patterns, separated
 * by commas or spaces, `-name` excluding) turns on `namespace`, e.g. `cdr:http`: `cdr`,
 * `cdr:*`, `cdr:http` and `*` do.
 */
export function debugEnables(debug: string | undefined, namespace: string): boolean {
  let enabled = false;
  for (const entry of (debug ?? '').split(/[\s,]+/).filter(Boolean)) {
    const excluded = entry.startsWith('-');
    const pattern = excluded ? entry.slice(1) : entry;
    const matches =
      pattern === '*' ||
      pattern === namespace ||
      namespace.startsWith(`${pattern}:`) ||
      (pattern.endsWith(':*') && namespace.startsWith(pattern.slice(0, -1)));
    if (!matches) continue;
    if (excluded) return false;
    enabled = true;
  }
  return enabled;
}

/**
 * The log format (`--log-format`, else `CDR_LOG_FORMAT`, else text: a terminal and a
 * service's journal alike read the usual lines unless asked) and whether the transport's
 * events are shown (`-v`, or `DEBUG=cdr:http`).
 */
export function logSettingsOf(
  env: Readonly<Record<string, string | undefined>>,
  options: { logFormat?: LogFormat | undefined; verbose?: boolean | undefined },
): LogSettings {
  let format = options.logFormat;
  if (format === undefined) {
    const value = env[logFormatVariable]?.trim().toLowerCase();
    if (value) {
      if (!(logFormats as readonly string[]).includes(value))
        throw new UsageError(
          `${logFormatVariable} must be ${logFormats.join(' or ')} (got "${value.slice(0, 20)}")`,
        );
      format = value as LogFormat;
    }
  }
  return {
    format: format ?? 'text',
    showsTransport: options.verbose === true || debugEnables(env.DEBUG, 'cdr:http'),
  };
}
