import type { Writable } from 'node:stream';
import type { CallStoreOptions } from './call-store.ts';
import type { SimulatedWorldOptions } from './simulated-world.ts';

export type OutputStream = Writable & { isTTY?: boolean | undefined };

/** What a command touches outside itself: injected so tests run the CLI in-process. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  /** Relative paths (the database, --out, --file) resolve from here. */
  cwd: string;
  /**
   * The clock: "now" for `--to`'s default, `2h`-style times, the sync window and Ozonetel's
   * IST store choice. The real CLI reads the system clock; tests pass a fixed one.
   */
  now: () => Date;
  /** Ends long-running commands (`receive`); SIGINT/SIGTERM do it in the real CLI. */
  signal?: AbortSignal | undefined;
  /** The simulators' data set when no credentials are set; tests make it small. */
  simulation?: SimulatedWorldOptions | undefined;
  /** How the database is opened; tests cap its size to stand in for a full disk. */
  store?: CallStoreOptions | undefined;
}

/** Exit codes: 0 all done; 1 bad usage, configuration or a fatal error; 2 some provider or lookup failed. */
export const exitCodes = { ok: 0, error: 1, partial: 2 } as const;

export interface GlobalOptions {
  db: string;
  requestTimeout?: number | undefined;
  retries?: number | undefined;
}

export function line(stream: OutputStream, text = ''): void {
  stream.write(`${text}\n`);
}
