// The thread a SQLite store's slice writes run on (`writeThread`): its own connection to
// the same file, the store's own `writeRows`, one slice at a time in the order they were
// sent. The sync's listing (parsing, checking and mapping pages, building rows) then runs
// beside SQLite's inserts instead of taking turns with them on one thread.
import { parentPort, workerData } from 'node:worker_threads';
import { StoreError } from '../store-error.ts';
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

/** The store's file, as long as it is still the one the main thread opened. */
function openSameFile(): SqliteCallStore {
  const opened = SqliteCallStore.open(data.path, { maxPageCount: data.maxPageCount });
  if (opened.file === data.file) return opened;
  opened.close().catch(() => undefined);
  throw new StoreError(
    `${data.path} is no longer the file this process opened (moved, removed or replaced): restart it`,
    data.path,
  );
}

// A request that cannot be read: the thread stops, and every write still waiting fails.
port.on('messageerror', () => process.exit(1));

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
    store ??= openSameFile();
    reply = { id: request.id, counts: store.writeRows(request.slice) };
  } catch (error) {
    reply = { id: request.id, error: describeThreadError(error) };
  }
  port.postMessage(reply);
});
