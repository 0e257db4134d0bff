import { formatZonedDateTime } from '@cdr/core/time';
import { zoneLabel } from '../support/time-zone.ts';
import type { SyncProgress } from './sync-account.ts';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
}

/**
 * A one-line progress display for a terminal, redrawn as each slice commits. Off when the
 * stream is not a terminal (logs, pipes, tests), where the summary lines say enough.
 */
export function createProgressDisplay(stream: ProgressStream, timeZone: string) {
  let active = false;
  return {
    update(progress: SyncProgress) {
      if (!stream.isTTY) return;
      const span = progress.window.to.getTime() - progress.window.from.getTime();
      const done = progress.reached.getTime() - progress.window.from.getTime();
      const percent = span > 0 ? Math.min(100, Math.round((done / span) * 100)) : 100;
      stream.write(
        `\r\x1b[2K${progress.account}  ${String(percent).padStart(3)}%  up to ${formatZonedDateTime(progress.reached, timeZone)} ${zoneLabel(timeZone)}  ${progress.listed.toLocaleString('en-US')} calls`,
      );
      active = true;
    },
    /** Clears the line before other output. */
    clear() {
      if (active) stream.write('\r\x1b[2K');
      active = false;
    },
  };
}
