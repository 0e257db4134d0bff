import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Call } from '@cdr/core';

export const exportFormats = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** A call to export, with the account it came from when the store knows it. */
export type ExportedCall = Call & { readonly account?: string | null | undefined };

// New columns go at the end: spreadsheets and scripts that read the columns by position keep
// working.
const csvColumns: readonly [string, (call: ExportedCall) => string | number | undefined][] = [
  ['provider', (call) => call.provider],
  ['id', (call) => call.id],
  ['started_at', (call) => call.startedAt.toISOString()],
  ['ended_at', (call) => call.endedAt?.toISOString()],
  ['direction', (call) => call.direction],
  ['status', (call) => call.status],
  ['from', (call) => call.from?.phoneNumber ?? call.from?.raw],
  ['to', (call) => call.to?.phoneNumber ?? call.to?.raw],
  ['agent_id', (call) => call.agent?.id],
  ['agent_name', (call) => call.agent?.name],
  ['total_seconds', (call) => call.durations.totalSeconds],
  ['talk_seconds', (call) => call.durations.talkSeconds],
  ['billed_seconds', (call) => call.durations.billedSeconds],
  ['ring_seconds', (call) => call.durations.ringSeconds],
  ['cost', (call) => call.cost?.amount],
  ['currency', (call) => call.cost?.currency],
  ['recording_url', (call) => call.recording?.url],
  ['notes', (call) => call.notes.map((note) => note.text).join(' | ')],
  ['account', (call) => call.account ?? undefined],
];

// A cell starting with one of these is run as a formula by Excel, LibreOffice and Google
// Sheets: `=HYPERLINK(…)` in a note or an agent's name could send the sheet's data away
// (https://owasp.org/www-community/attacks/CSV_Injection).
const formulaStart = /^[=+\-@\t\r]/;
// …but a plain number cannot be a formula, whatever its sign: `+919876543210` (E.164, the
// form numbers are exported in) and `-12.5` stay numbers for the spreadsheet to sum and sort.
const plainNumber = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * One CSV cell. A text that a spreadsheet would run as a formula gets a leading `'`, which
 * spreadsheets show as text (OWASP's advice; we leave plain signed numbers out of it, above).
 * Then RFC 4180: quote a field holding a comma, quote or line break; double inner quotes.
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (formulaStart.test(text) && !plainNumber.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The calls as lines of NDJSON (each the whole Call and its `account`; `parseCall` reads
 * the call back and ignores the account) or CSV (a header, then the columns people sort and
 * sum in a spreadsheet).
 */
export async function* exportLines(
  calls: Iterable<ExportedCall> | AsyncIterable<ExportedCall>,
  format: ExportFormat,
): AsyncGenerator<string> {
  if (format === 'ndjson') {
    for await (const call of calls) yield `${JSON.stringify(call)}\n`;
    return;
  }
  yield `${csvHeader}\r\n`;
  for await (const call of calls) yield `${csvRow(call)}\r\n`;
}

/** The CSV header line (no line break). */
export const csvHeader = csvColumns.map(([name]) => name).join(',');

/** One call as a CSV line (no line break). */
export function csvRow(call: ExportedCall): string {
  return csvColumns.map(([, read]) => csvField(read(call))).join(',');
}

// Control characters but for line ends (C0, DEL, C1). A CSV cell keeps them as sent (a file
// is data), but on a terminal an escape sequence in a contact's name would drive the terminal.
const controlCharacters = /[^\P{Cc}\r\n]/gu;

/** A CSV line as shown on a terminal: each control character but line ends as U+FFFD (�). */
export function forTerminal(text: string): string {
  return text.replace(controlCharacters, '\ufffd');
}

async function* shownOnTerminal(lines: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const text of lines) yield forTerminal(text);
}

/**
 * Streams the export into `destination` with backpressure; leaves it open when `end` is
 * false. `terminal`: the destination is a terminal, whose CSV never carries control
 * characters (NDJSON escapes them already).
 */
export async function writeExport(
  calls: Iterable<ExportedCall> | AsyncIterable<ExportedCall>,
  format: ExportFormat,
  destination: Writable,
  options: { end?: boolean; terminal?: boolean | undefined } = {},
): Promise<void> {
  const lines = exportLines(calls, format);
  await pipeline(
    Readable.from(options.terminal && format === 'csv' ? shownOnTerminal(lines) : lines),
    destination,
    { end: options.end ?? true },
  );
}
