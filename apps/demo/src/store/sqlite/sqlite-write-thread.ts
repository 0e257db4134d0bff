// The thread a SQLite store's slice writes run on (`writeThread`): its own connection to
// the same file, the store's own `writeRows`, one slice at a time in the order they were
// sent. The sync's listing (parsing, checking and mapping pages, building rows) then runs
// beside SQLite's inserts instead of taking turns with them on one thread.
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteCallStore } from './sqlite-call-store.ts';
import {
  describeThreadError,
  type WriteThreadData,
  type WriteThreadReply,
  type WriteThreadRequest,
} from './write-thread-protocol.ts';

const port = parentPort;
if (!port) throw new Error('sqlite-write-thread runs as a worker thread');
const data = workerData as WriteThreadData;
let store: SqliteCallStore | undefined;

port.on('message', (request: WriteThreadRequest) => {
  if (request.type === 'close') {
    // Every slice sent before has been written: messages are handled in order.
    store?.close().catch(() => undefined);
    port.close();
    return;
  }
  let reply: WriteThreadReply;
  try {
    // Opened on the first write (the main thread has migrated the schema already).
    store ??= SqliteCallStore.open(data.path, { maxPageCount: data.maxPageCount });
    reply = { id: request.id, counts: store.writeRows(request.slice) };
  } catch (error) {
    reply = { id: request.id, error: describeThreadError(error) };
  }
  port.postMessage(reply);
});
