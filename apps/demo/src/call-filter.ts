import type { SQLInputValue } from 'node:sqlite';
import type { CallDirection, CallStatus } from '@cdr/core';

/** What `calls` and `export` select; every field narrows, none is required. */
export interface CallFilter {
  providers?: readonly string[] | undefined;
  direction?: CallDirection | undefined;
  status?: CallStatus | undefined;
  /** A number as typed: `+919876543210`, `09876543210` or `9876543210` all match. */
  number?: string | undefined;
  /** An agent's id or name (names compared without case). */
  agent?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** The filter as a SQL condition over the `calls` table, with its parameters. */
export function filterToSql(filter: CallFilter): { where: string; parameters: SQLInputValue[] } {
  const conditions: string[] = [];
  const parameters: SQLInputValue[] = [];
  if (filter.providers && filter.providers.length > 0) {
    conditions.push(`provider IN (${filter.providers.map(() => '?').join(', ')})`);
    parameters.push(...filter.providers);
  }
  if (filter.direction) {
    conditions.push('direction = ?');
    parameters.push(filter.direction);
  }
  if (filter.status) {
    conditions.push('status = ?');
    parameters.push(filter.status);
  }
  if (filter.number) {
    // The last ten digits identify an Indian number however it was written; shorter
    // input matches as a suffix.
    const digits = filter.number.replace(/\D/g, '').slice(-10);
    conditions.push('(from_number LIKE ? OR to_number LIKE ?)');
    parameters.push(`%${digits}`, `%${digits}`);
  }
  if (filter.agent) {
    conditions.push('(agent_id = ? OR agent_name = ? COLLATE NOCASE)');
    parameters.push(filter.agent, filter.agent);
  }
  if (filter.from) {
    conditions.push('started_at >= ?');
    parameters.push(filter.from.getTime());
  }
  if (filter.to) {
    conditions.push('started_at <= ?');
    parameters.push(filter.to.getTime());
  }
  return { where: conditions.length > 0 ? conditions.join(' AND ') : '1 = 1', parameters };
}
