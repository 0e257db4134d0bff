// What the SQLite store and its write thread say to each other. Plain data: it crosses the
// thread by structured clone, so an error crosses as its description and is rebuilt.
import type { UpsertCounts } from '../call-store.ts';
import { StoreError } from '../store-error.ts';
import type { SliceRows } from './sqlite-slice-rows.ts';

export interface WriteThreadData {
  path: string;
  maxPageCount: number | undefined;
  /** The file the store opened (device and inode): a file moved or replaced since is refused. */
  file: string;
}

export type WriteThreadRequest =
  | { type: 'write'; id: number; slice: SliceRows }
  | { type: 'close' };

export interface ThreadErrorDescription {
  name: string;
  message: string;
  /** The file a StoreError names; absent for any other error. */
  storePath?: string | undefined;
}

export type WriteThreadReply =
  | { id: number; counts: UpsertCounts }
  | { id: number; error: ThreadErrorDescription };

export function describeThreadError(error: unknown): ThreadErrorDescription {
  if (error instanceof StoreError)
    return { name: error.name, message: error.message, storePath: error.path };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** The error the thread described, as the caller would have met it on its own thread. */
export function reviveThreadError(description: ThreadErrorDescription): Error {
  if (description.storePath !== undefined)
    return new StoreError(description.message, description.storePath);
  const error = new Error(description.message);
  error.name = description.name;
  return error;
}
