import { type Sql, sql } from './sql.ts';

/**
 * Every provider and account a database knows, as `--provider` names them: the providers
 * and accounts of its calls (a pushed call may have no account) and the accounts it has
 * synced, sorted. Read only to say what there is when a name matches none of them.
 */
export const knownSourcesStatement: Sql = sql`SELECT DISTINCT provider AS name FROM calls
  UNION SELECT DISTINCT account AS name FROM calls WHERE account IS NOT NULL
  UNION SELECT account AS name FROM sync_state
  ORDER BY 1`;
