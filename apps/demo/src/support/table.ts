export type Cell = string | number;

/** A plain-text table: numbers right-aligned, text left-aligned, two spaces between columns. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
): string {
  const numeric = headers.map(
    (_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number'),
  );
  const text = rows.map((row) =>
    row.map((cell) => (typeof cell === 'number' ? format(cell) : printable(cell))),
  );
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...text.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...text.map(line)].join(
    '\n',
  );
}

// Control characters (C0, DEL and C1: Unicode's Cc). Names, numbers and notes come from providers (and
// from pushes): an escape sequence in an agent's name would drive the terminal the table is
// printed on, and a line break would split a row.
const controlCharacters = /\p{Cc}/gu;

/** The text with each control character shown as U+FFFD (�). */
function printable(text: string): string {
  return text.replace(controlCharacters, '\ufffd');
}

function format(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
}

/** 3725 → `1h 02m 05s`. */
export function formatSeconds(total: number): string {
  // Rounded to the second first: 479.6 s is 8m 00s, never 7m 60s.
  const whole = Math.round(total);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = whole % 60;
  const pad = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}h ${pad(minutes)}m ${pad(seconds)}s` : `${minutes}m ${pad(seconds)}s`;
}
