// The sync's PostgreSQL write pattern, as SQL text and parameters any driver can send: a
// multi-row INSERT … ON CONFLICT … DO UPDATE … RETURNING (xmax = 0) per batch of rows
// (the same statement PostgresCallStore sends), and the cursor's upsert. Used to compare
// drivers on exactly the statements the store sends.
import { type CallRow, callRowColumns, updatableColumns } from '@cdr/demo/call-row';

export interface Statement {
  text: string;
  parameters: (string | number | null)[];
}

const assignments = updatableColumns.map((column) => `${column} = EXCLUDED.${column}`).join(', ');

/** The multi-row upsert of `rows` that says, per row returned, whether it was inserted. */
export function upsertCallsStatement(rows: readonly CallRow[]): Statement {
  const parameters: (string | number | null)[] = [];
  const values = rows.map((row) => {
    const placeholders = callRowColumns.map((column) => {
      parameters.push(row[column]);
      return column === 'call_json' ? `$${parameters.length}::jsonb` : `$${parameters.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  return {
    text: `INSERT INTO calls (${callRowColumns.join(', ')}) VALUES ${values.join(', ')}
    ON CONFLICT (provider, id) DO UPDATE SET ${assignments}
    WHERE calls.call_json IS DISTINCT FROM EXCLUDED.call_json
    RETURNING (xmax = 0) AS inserted`,
    parameters,
  };
}

/** A plain multi-row INSERT of `rows`: the raw baseline, nothing checked or returned. */
export function insertCallsStatement(rows: readonly CallRow[]): Statement {
  const upsert = upsertCallsStatement(rows);
  return { text: upsert.text.slice(0, upsert.text.indexOf('\n')), parameters: upsert.parameters };
}

/** The cursor moves forward, never back, in the batch's transaction. */
export function cursorStatement(account: string, position: number, now: number): Statement {
  return {
    text: `INSERT INTO sync_state (account, position, updated_at) VALUES ($1, $2, $3)
      ON CONFLICT (account) DO UPDATE
      SET position = GREATEST(coalesce(sync_state.position, 0), EXCLUDED.position), updated_at = EXCLUDED.updated_at`,
    parameters: [account, position, now],
  };
}
