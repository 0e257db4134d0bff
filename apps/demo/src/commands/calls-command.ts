import { formatZonedDateTime, INDIA_TIME_ZONE } from '@cdr/core';
import { type CallFilter, filterToSql } from '../call-filter.ts';
import type { CallStore } from '../call-store.ts';
import { type CliIo, exitCodes, line } from '../cli-io.ts';
import { formatTable } from '../table.ts';

/** Prints the newest matching calls as a table, and how many match in all. */
export function runCalls(io: CliIo, store: CallStore, filter: CallFilter, limit: number): number {
  const { where, parameters } = filterToSql(filter);
  const [{ total }] = store.select<{ total: number }>(
    `SELECT count(*) AS total FROM calls WHERE ${where}`,
    ...parameters,
  ) as [{ total: number }];
  const rows = store.select<{
    started_at: number;
    provider: string;
    direction: string;
    status: string;
    from_number: string | null;
    to_number: string | null;
    agent: string | null;
    talk_seconds: number | null;
    id: string;
  }>(
    `SELECT started_at, provider, direction, status, from_number, to_number,
            coalesce(agent_name, agent_id) AS agent, talk_seconds, id
     FROM calls WHERE ${where} ORDER BY started_at DESC, provider, id LIMIT ?`,
    ...parameters,
    limit,
  );
  if (rows.length > 0) {
    line(
      io.stdout,
      formatTable(
        [
          'started (India)',
          'provider',
          'direction',
          'status',
          'from',
          'to',
          'agent',
          'talk s',
          'id',
        ],
        rows.map((row) => [
          formatZonedDateTime(new Date(row.started_at), INDIA_TIME_ZONE),
          row.provider,
          row.direction,
          row.status,
          row.from_number ?? '',
          row.to_number ?? '',
          row.agent ?? '',
          row.talk_seconds ?? 0,
          row.id,
        ]),
      ),
    );
  }
  line(io.stdout, `${rows.length} of ${total} matching calls`);
  return exitCodes.ok;
}
