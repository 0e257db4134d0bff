import type { CallDirection, CallStatus } from '@cdr/core';
import { numberFilterDigits } from '../support/number-filter.ts';
import { Sql, sql } from './sql.ts';

/** What `calls`, `export`, the report and the dashboard select; every field narrows, none is required. */
export interface CallFilter {
  providers?: readonly string[] | undefined;
  /** Account names (`telecmi:rest-user`): the account whose sync stored the call first. */
  accounts?: readonly string[] | undefined;
  /** Providers or accounts, as `--provider` takes them: a call matches either. */
  sources?: readonly string[] | undefined;
  direction?: CallDirection | undefined;
  status?: CallStatus | undefined;
  /**
   * A number as typed: `+919876543210`, `09876543210` or `9876543210` all match. The last
   * ten digits identify an Indian number however it was written; fewer match as a suffix.
   */
  number?: string | undefined;
  /** An agent's id or name (names compared without case). */
  agent?: string | undefined;
  /** Calls that started at or after this instant. */
  from?: Date | undefined;
  /** Calls that started at or before this instant. */
  to?: Date | undefined;
  /** Calls stored, or changed by a later sync or push, at or after this instant. */
  syncedSince?: Date | undefined;
  /**
   * Calls only, not the child legs of another call (a Twilio `<Dial>` leg): what the report
   * and the dashboard count. Off by default: `calls` and `export` list every record.
   */
  withoutLegs?: boolean | undefined;
}

/** The filter as a condition over the `calls` table (one SQL for SQLite and PostgreSQL). */
export function filterCondition(filter: CallFilter, table = 'calls'): Sql {
  const column = (name: string) => new Sql(`${table}.${name}`);
  const conditions: Sql[] = [];
  const anyOf = (name: string, values: readonly string[]) =>
    sql`${column(name)} IN (${Sql.join(
      values.map((value) => sql`${value}`),
      ', ',
    )})`;
  if (filter.providers && filter.providers.length > 0)
    conditions.push(anyOf('provider', filter.providers));
  if (filter.accounts && filter.accounts.length > 0)
    conditions.push(anyOf('account', filter.accounts));
  if (filter.sources && filter.sources.length > 0)
    conditions.push(
      sql`(${anyOf('provider', filter.sources)} OR ${anyOf('account', filter.sources)})`,
    );
  if (filter.direction) conditions.push(sql`${column('direction')} = ${filter.direction}`);
  if (filter.status) conditions.push(sql`${column('status')} = ${filter.status}`);
  if (filter.number !== undefined) {
    const digits = numberFilterDigits(filter.number) ?? filter.number;
    conditions.push(
      sql`(${column('from_number')} LIKE ${`%${digits}`} OR ${column('to_number')} LIKE ${`%${digits}`})`,
    );
  }
  if (filter.agent) {
    conditions.push(
      sql`(${column('agent_id')} = ${filter.agent} OR lower(${column('agent_name')}) = lower(${filter.agent}))`,
    );
  }
  if (filter.from) conditions.push(sql`${column('started_at')} >= ${filter.from.getTime()}`);
  if (filter.to) conditions.push(sql`${column('started_at')} <= ${filter.to.getTime()}`);
  if (filter.syncedSince)
    conditions.push(sql`${column('synced_at')} >= ${filter.syncedSince.getTime()}`);
  if (filter.withoutLegs) conditions.push(sql`${column('parent_id')} IS NULL`);
  return conditions.length > 0 ? Sql.join(conditions, ' AND ') : new Sql('1 = 1');
}
