import type { Readable, Writable } from 'node:stream';
import type { SimulationOptions } from '@cdr/core/provider-utils';
import type { SqliteCallStoreOptions } from '../store/sqlite/sqlite-call-store.ts';
import { type ChosenTimeZone, indiaTimeZone } from './time-zone.ts';

export type OutputStream = Writable & { isTTY?: boolean | undefined };

/** What a command touches outside itself: injected so tests run the CLI in-process. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Answers to questions (`state reset` asks before moving a cursor back). */
  stdin?: (Readable & { isTTY?: boolean | undefined }) | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** Relative paths (the database, --out, --file, --accounts) resolve from here. */
  cwd: string;
  /** The user's home, for the default data folder. */
  home: string;
  /**
   * The clock: "now" for `--to`'s default, `2h`-style times, the sync window and Ozonetel's
   * IST store choice. The real CLI reads the system clock; tests pass a fixed one.
   */
  now: () => Date;
  /**
   * The machine's zone (main.ts gives the function that reads it, called once, when a time is
   * first shown or typed); times are shown and typed in it unless `--tz` or `CDR_TZ` says
   * another. Tests leave it out: India's, the tool's default.
   */
  machineTimeZone?: string | (() => string) | undefined;
  /** The zone of this run, chosen from `--tz`, `CDR_TZ` and the machine's before parsing. */
  timeZone?: ChosenTimeZone | undefined;
  /**
   * Ends long-running commands (`receive`, `worker`, `serve`) and interrupts the others;
   * SIGINT/SIGTERM do it in the real CLI, with the signal's name as the reason.
   */
  signal?: AbortSignal | undefined;
  /** The simulators' data sets when no account is configured; tests make them small. */
  simulation?: SimulationOptions | undefined;
  /** How a SQLite database is opened; tests cap its size to stand in for a full disk. */
  store?: SqliteCallStoreOptions | undefined;
}

export function line(stream: OutputStream, text = ''): void {
  stream.write(`${text}\n`);
}

/** The zone times are shown in for this run. */
export function shownZone(io: Pick<CliIo, 'timeZone'>): string {
  return io.timeZone?.name ?? indiaTimeZone;
}
