import { isAbsolute, join, resolve } from 'node:path';
import type { CliIo } from './cli-io.ts';

/**
 * Where cdr keeps its data when no `--db` says otherwise: `$XDG_DATA_HOME/cdr`, or
 * `~/.local/share/cdr` (the XDG default), never inside the repository or wherever the
 * command happens to run.
 */
export function dataDirectory(io: Pick<CliIo, 'env' | 'home'>): string {
  const xdg = io.env.XDG_DATA_HOME?.trim();
  return join(xdg && isAbsolute(xdg) ? xdg : join(io.home, '.local', 'share'), 'cdr');
}

/** The database a sync writes to by default: `CDR_DB`, else `<data directory>/cdr.sqlite`. */
export function defaultDatabase(io: Pick<CliIo, 'env' | 'home'>): string {
  return io.env.CDR_DB?.trim() || join(dataDirectory(io), 'cdr.sqlite');
}

/** The demo's own database: simulated calls never mix with a real sync's. */
export function demoDatabase(io: Pick<CliIo, 'env' | 'home'>): string {
  return join(dataDirectory(io), 'demo.sqlite');
}

/** The dashboard the demo writes beside its database: one HTML file to open in a browser. */
export function demoDashboard(io: Pick<CliIo, 'env' | 'home'>): string {
  return join(dataDirectory(io), 'demo-dashboard.html');
}

/** A path as the user typed it, from where the user stands (not from the tool's folder). */
export function userPath(io: Pick<CliIo, 'cwd'>, path: string): string {
  return resolve(io.cwd, path);
}
