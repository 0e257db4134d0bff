import { Option } from 'commander';
import type { CliIo, OutputStream } from './cli-io.ts';
import { line } from './cli-io.ts';

export type OutputFormat = 'table' | 'json' | 'csv';

/** `-o, --output <format>` and `--json`: what a data command prints. */
export function outputOptions(formats: readonly OutputFormat[] = ['table', 'json']): Option[] {
  return [
    new Option('-o, --output <format>', 'what to print').choices(formats).default('table'),
    new Option('--json', 'print JSON (the same as -o json)'),
  ];
}

/** What `outputOptions` add to a command's options. */
export interface OutputOptions {
  output?: OutputFormat | undefined;
  json?: boolean | undefined;
}

/** The format a command's options (parsed by commander, with `outputOptions`) ask for. */
export function outputFormat(options: object): OutputFormat {
  const { json, output } = options as OutputOptions;
  return json ? 'json' : (output ?? 'table');
}

/** Prints a value as JSON: one document, pretty, dates as ISO 8601 UTC instants. */
export function printJson(io: Pick<CliIo, 'stdout'>, value: unknown): void {
  line(io.stdout, JSON.stringify(value, null, 2));
}

const styles = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

/**
 * Colour for a terminal only: never when the stream is not one (pipes, files, tests), and
 * never when `NO_COLOR` is set (https://no-color.org).
 */
export function paint(
  io: Pick<CliIo, 'env'>,
  stream: OutputStream,
  style: keyof typeof styles,
  text: string,
): string {
  if (!stream.isTTY || io.env.NO_COLOR !== undefined || io.env.TERM === 'dumb') return text;
  return `\x1b[${styles[style]}m${text}\x1b[0m`;
}

/** An unknown value in a table: a dash, never a zero. */
export const unknownValue = '–';
