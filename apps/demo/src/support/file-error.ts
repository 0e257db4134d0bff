/**
 * A file the tool writes could not be written (a full disk, no permission, a folder in the
 * way): a fault of the machine, not of a provider or the command line. Reported in one
 * line that names the file, exit code 1.
 */
export class FileError extends Error {
  override readonly name: string = 'FileError';
  /** The file, or `standard output`. */
  readonly path: string;

  constructor(message: string, path: string, options?: ErrorOptions) {
    super(message, options);
    this.path = path;
  }
}

// What the usual errno codes mean to someone running the tool.
const fileSystemReasons: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of its path is not a folder',
  // Creating the folders of a path (the database's) where a file holds one of the names.
  EEXIST: 'a part of its path is not a folder',
  EROFS: 'the file system is read-only',
};

/** A Node file-system error as a FileError naming `path`; anything else unchanged. */
export function toFileError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (!(error instanceof Error) || typeof code !== 'string' || !/^E[A-Z]+$/.test(code))
    return error;
  // ENOSPC: the disk is full; EDQUOT: the user's quota is, which looks the same to them.
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new FileError(`disk full writing ${path}`, path, { cause: error });
  const reason = fileSystemReasons[code] ?? error.message;
  return new FileError(`cannot write ${path}: ${reason}`, path, { cause: error });
}
