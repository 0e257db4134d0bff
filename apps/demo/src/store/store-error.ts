import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { FileError, toFileError } from '../support/file-error.ts';

/** Why SQLite could not open a path, when the file system can say. */
function whyNotOpened(path: string): string {
  try {
    if (statSync(path).isDirectory()) return ': it is a folder';
  } catch {
    try {
      if (!statSync(dirname(path)).isDirectory()) return ': a part of its path is not a folder';
    } catch {
      return ': its folder does not exist';
    }
  }
  return '';
}

/**
 * The database could not be written or read (a full disk, read-only, not a database). Its
 * message names the file, e.g. `disk full writing /home/you/cdr/data/cdr.sqlite`.
 */
export class StoreError extends FileError {
  override readonly name: string = 'StoreError';
}

// SQLite's primary result codes (https://www.sqlite.org/rescode.html) that mean something
// to the person running the tool; node:sqlite puts the extended code in `errcode`.
const sqliteFull = 13;
const sqliteReadOnly = 8;
const sqliteCannotOpen = 14;
const sqliteCorrupt = 11;
const sqliteNotADatabase = 26;

function describeSqliteError(code: number, reason: string, path: string): string {
  switch (code & 0xff) {
    case sqliteFull:
      return `disk full writing ${path}`;
    case sqliteReadOnly:
      return `cannot write ${path}: it is read-only`;
    case sqliteCannotOpen:
      return `cannot open ${path}${whyNotOpened(path)}`;
    case sqliteCorrupt:
    case sqliteNotADatabase:
      return `${path} is not a readable SQLite database (${reason})`;
    default:
      return `${reason} in ${path}`;
  }
}

/**
 * The error a store operation failed with, as a StoreError naming the file when it came
 * from SQLite or the file system (creating the database's folder); anything else (a bug, a
 * call that cannot be stored) unchanged.
 */
export function toStoreError(error: unknown, path: string): unknown {
  if (error instanceof FileError || !(error instanceof Error)) return error;
  const { code, errcode, errstr } = error as Error & {
    code?: string;
    errcode?: number;
    errstr?: string;
  };
  if (code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number')
    return new StoreError(describeSqliteError(errcode, errstr ?? error.message, path), path, {
      cause: error,
    });
  const fileError = toFileError(error, path);
  return fileError instanceof FileError
    ? new StoreError(fileError.message, path, { cause: error })
    : error;
}
