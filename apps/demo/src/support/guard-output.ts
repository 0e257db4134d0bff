import type { OutputStream } from './cli-io.ts';
import { toFileError } from './file-error.ts';

/**
 * Whether a write failed because the reader went away (`cdr calls | head`, a closed
 * terminal): what it read was written, and the command stops quietly with exit 0, as
 * `cat` and `ls` do. ERR_STREAM_DESTROYED is a write after that first EPIPE.
 */
export function isReaderGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/** What became of a command's output stream. */
export type OutputOutcome =
  | { kind: 'written' }
  /** The reader left: exit 0, nothing on stderr. */
  | { kind: 'reader-gone' }
  /** The output could not be written (`> /dev/full`): one line naming it, exit 1. */
  | { kind: 'failed'; error: unknown };

export interface OutputGuard {
  /**
   * Waits until every write so far has landed or failed, then says which. A write's
   * failure arrives after the write (as an `error` event): deciding the exit code before
   * it would miss it.
   */
  settle(): Promise<OutputOutcome>;
}

// One listener per stream for the life of the process: an `error` event with no listener
// is a crash with a stack trace, and a failure may arrive after the command has returned.
const failures = new WeakMap<OutputStream, { error?: unknown }>();

/**
 * Watches the stream a command writes its output to (standard output), so that every
 * command — tables, JSON, CSV, help, exports — ends the same way when it cannot be
 * written: quietly when the reader went away, with one line otherwise. `name` is how the
 * line calls it (`standard output`).
 */
export function guardOutput(stream: OutputStream, name: string): OutputGuard {
  let seen = failures.get(stream);
  if (!seen) {
    const record: { error?: unknown } = {};
    seen = record;
    failures.set(stream, record);
    stream.on('error', (error: unknown) => {
      record.error ??= error;
    });
  }
  const state = seen;
  return {
    async settle() {
      if (state.error === undefined && !stream.destroyed && stream.writable) {
        // An empty write's callback runs after the writes before it, with their failure.
        await new Promise<void>((resolve) => {
          stream.write('', (error) => {
            if (error) state.error ??= error;
            resolve();
          });
        });
      }
      // The `error` event follows the callback on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      if (state.error === undefined) return { kind: 'written' };
      if (isReaderGone(state.error)) return { kind: 'reader-gone' };
      return { kind: 'failed', error: toFileError(state.error, name) };
    },
  };
}
