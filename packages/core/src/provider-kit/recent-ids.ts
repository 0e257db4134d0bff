/**
 * Remembers the most recent `capacity` ids, to drop repeats. Repeats come from records
 * shifting across page boundaries while a listing runs, so they sit close together: a
 * bounded memory catches them and keeps a listing of millions of calls in constant space.
 */
export class RecentIds {
  readonly #ids = new Set<string>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Adds an id; false when it was already there. */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false;
    this.#ids.add(id);
    if (this.#ids.size > this.#capacity)
      this.#ids.delete(this.#ids.values().next().value as string);
    return true;
  }
}
