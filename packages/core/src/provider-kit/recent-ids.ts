import { GenerationalMap } from '../generational-map.js';

/**
 * Remembers at least the most recent `capacity` ids (up to twice as many), to drop repeats.
 * Repeats come from records shifting across page boundaries while a listing runs, so they
 * sit close together: a bounded memory catches them and keeps a listing of millions of
 * calls in constant space.
 */
export class RecentIds {
  readonly #ids: GenerationalMap<string, true>;

  constructor(capacity: number) {
    this.#ids = new GenerationalMap(capacity);
  }

  /** Adds an id; false when it was already there. */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false;
    this.#ids.set(id, true);
    return true;
  }
}
