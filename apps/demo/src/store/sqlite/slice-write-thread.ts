// The main thread's side of a SQLite store's write thread: sends each slice, answers each
// `writeSlice` with the thread's counts or its error. The thread starts on the first write,
// keeps the process alive only while a write is waiting, and stops with the store.
import { Worker } from 'node:worker_threads';
import type { UpsertCounts } from '../call-store.ts';
import { StoreError } from '../store-error.ts';
import type { SliceRows } from './sqlite-slice-rows.ts';
import {
  reviveThreadError,
  type WriteThreadData,
  type WriteThreadReply,
  type WriteThreadRequest,
} from './write-thread-protocol.ts';

/**
 * The thread's module, beside this one: TypeScript when running from the sources (tests,
 * benchmarks), the bundle's own entry (tsup's `sqlite-write-thread`) when running from dist.
 */
function threadModule(): URL {
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./sqlite-write-thread.${extension}`, import.meta.url);
}

interface Waiting {
  resolve(counts: UpsertCounts): void;
  reject(error: unknown): void;
}

export class SliceWriteThread {
  readonly #data: WriteThreadData;
  #worker: Worker | undefined;
  #nextId = 0;
  readonly #waiting = new Map<number, Waiting>();
  /** Set once the thread stopped on its own: every later write fails with it. */
  #failure: StoreError | undefined;
  #closing = false;

  /** `file` is the file the store opened (device and inode): the thread writes that one only. */
  constructor(path: string, maxPageCount: number | undefined, file: string) {
    this.#data = { path, maxPageCount, file };
  }

  /** Writes the slice on the thread, after every slice sent before it. */
  write(slice: SliceRows): Promise<UpsertCounts> {
    if (this.#closing)
      return Promise.reject(
        new StoreError(`cannot write ${this.#data.path}: the store is closed`, this.#data.path),
      );
    if (this.#failure) return Promise.reject(this.#failure);
    const worker = this.#started();
    const id = this.#nextId++;
    return new Promise<UpsertCounts>((resolve, reject) => {
      const request: WriteThreadRequest = { type: 'write', id, slice };
      // Throws at once for a slice that cannot cross (nothing was sent).
      worker.postMessage(request);
      this.#waiting.set(id, { resolve, reject });
      worker.ref();
    });
  }

  /** Stops the thread once the slices sent have been written; later writes are refused. */
  async close(): Promise<void> {
    this.#closing = true;
    const worker = this.#worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Held until it has exited (the replies still due no longer let go of it): an idle
    // thread does not keep the process alive, and nothing else may while this waits.
    worker.ref();
    worker.postMessage({ type: 'close' } satisfies WriteThreadRequest);
    await exited;
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(threadModule(), { workerData: this.#data });
    worker.unref();
    worker.on('message', (reply: WriteThreadReply) => {
      const waiting = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if (this.#waiting.size === 0 && !this.#closing) worker.unref();
      if ('error' in reply) waiting?.reject(reviveThreadError(reply.error));
      else waiting?.resolve(reply.counts);
    });
    const stopped = (why: string) => {
      this.#worker = undefined;
      const error = new StoreError(
        `the thread writing ${this.#data.path} stopped (${why}): what it had not committed was not written`,
        this.#data.path,
      );
      if (!this.#closing) this.#failure ??= error;
      for (const waiting of this.#waiting.values()) waiting.reject(error);
      this.#waiting.clear();
    };
    worker.on('error', (error) => stopped(error.message));
    // A reply that cannot be read would leave its write waiting for ever.
    worker.on('messageerror', () => void worker.terminate());
    worker.on('exit', (code) => stopped(`exit code ${code}`));
    this.#worker = worker;
    return worker;
  }
}
