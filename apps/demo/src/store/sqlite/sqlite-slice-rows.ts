// A slice as the SQLite store writes it: each call already a row, built on the thread that
// asked for the write. Plain data, so it crosses to the store's write thread as it is.
import { type CallRow, toCallRow } from '../call-row.ts';
import type { CursorUpdate, SliceWrite } from '../call-store.ts';
import type { RejectedRecord } from '../quarantine.ts';

export interface SliceRows {
  account: string | undefined;
  rows: CallRow[];
  rejected: readonly RejectedRecord[] | undefined;
  cursor: CursorUpdate | undefined;
  /** When the slice was written: `synced_at`, the quarantine's and the cursor's times. */
  at: number;
}

export function sliceRows(slice: SliceWrite, at: number): SliceRows {
  return {
    account: slice.account,
    rows: slice.calls.map((call) => toCallRow(call, slice.account ?? null, at)),
    rejected: slice.rejected,
    cursor: slice.cursor,
    at,
  };
}
