// For tests: one route served by the real push server over a SQLite file of its own.
import type { Call } from '@cdr/core';
import { type PushRoute, type PushServer, startPushServer } from '../receive/push-server.ts';
import { SqliteCallStore } from '../store/sqlite/sqlite-call-store.ts';
import { temporaryDatabase } from './test-calls.ts';

export interface RouteReceiver {
  /** The route's URL on 127.0.0.1. */
  url: string;
  server: PushServer;
  store: SqliteCallStore;
  database: string;
  /** The reasons given for refused pushes, as the operator reads them. */
  rejected: string[];
  close(): Promise<void>;
}

/** Serves `route` on a free port of 127.0.0.1, storing into a new SQLite file. */
export async function startRouteReceiver(route: PushRoute): Promise<RouteReceiver> {
  const database = temporaryDatabase();
  const store = SqliteCallStore.open(database);
  const rejected: string[] = [];
  const server = await startPushServer({
    store,
    routes: [route],
    onRejected: (reason) => rejected.push(reason),
  });
  return {
    url: server.url + route.path,
    server,
    store,
    database,
    rejected,
    async close() {
      await server.close();
      await store.close();
    },
  };
}

/** What every provider's push tells of a call as its listing does: to compare the two. */
export function toldByPush(call: Call) {
  return {
    provider: call.provider,
    id: call.id,
    status: call.status,
    direction: call.direction,
    from: call.from,
    to: call.to,
    startedAt: call.startedAt,
    endedAt: call.endedAt,
  };
}
