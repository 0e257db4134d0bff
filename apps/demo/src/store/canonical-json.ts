/**
 * JSON with every object's keys in PostgreSQL `jsonb`'s order (shorter keys first, then by
 * bytes), so a call stored in SQLite reads back exactly as the same call stored as `jsonb`
 * does: `export` gives the same bytes from either store. Key order carries no meaning in a
 * provider's record; the values are untouched.
 */
export function canonicalJson(value: unknown): string {
  // Reordered first, then written by `JSON.stringify` alone: a replacer would be a call into
  // JavaScript for every value, the most of a sync's CPU after SQLite's (B17).
  return JSON.stringify(inJsonbOrder(value));
}

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

/** `jsonb`'s key order: by length in bytes, then byte by byte. */
export function jsonbOrder(a: string, b: string): number {
  // ASCII (nearly every key): a byte is a UTF-16 unit, and the comparison needs no buffers.
  if (isAscii(a) && isAscii(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return (
    Buffer.byteLength(a) - Buffer.byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b))
  );
}

/**
 * `value` with its objects' keys in `jsonb` order, at every depth: the same object where
 * nothing inside it moves (most of a sync's), a copy where something does. What
 * `JSON.stringify` would turn into something else first (a `Date`, anything with `toJSON`)
 * is left to it, as the replacer this replaces saw it.
 */
function inJsonbOrder(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    const json = (value as { toJSON(key: string): unknown }).toJSON('');
    return json === value ? value : inJsonbOrder(json);
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item = inJsonbOrder(value[index]);
      if (item === value[index]) continue;
      copy ??= [...value];
      copy[index] = item;
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const order = orderOf(keys);
  if (order !== inOrder) {
    // Written in order into an object of its own, reordered at every depth on the way.
    const reordered: Record<string, unknown> = {};
    for (const index of order) {
      const key = keys[index]!;
      setOwn(reordered, key, inJsonbOrder(record[key]));
    }
    return reordered;
  }
  let copy: Record<string, unknown> | undefined;
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    const before = record[key];
    const item = inJsonbOrder(before);
    if (item === before) continue;
    if (!copy) {
      copy = {};
      for (const each of keys) setOwn(copy, each, record[each]);
    }
    setOwn(copy, key, item);
  }
  return copy ?? value;
}

/** Sets an own property, as `JSON.parse` makes them: a `__proto__` key too, not the prototype. */
function setOwn(target: Record<string, unknown>, key: string, item: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, {
      value: item,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else target[key] = item;
}

const inOrder = null;
/** The `jsonb` order of each key list seen, as positions (`inOrder`: as it is). */
const orders = new Map<string, readonly number[] | typeof inOrder>();
/** Distinct key lists kept: a sync meets a handful (each provider's records, the Call's parts). */
const ordersKept = 4096;

function orderOf(keys: readonly string[]): readonly number[] | typeof inOrder {
  // JSON of the list: unambiguous whatever the keys hold, and written natively.
  const signature = JSON.stringify(keys);
  let order = orders.get(signature);
  if (order === undefined) {
    const sorted = keys.map((_, index) => index).sort((a, b) => jsonbOrder(keys[a]!, keys[b]!));
    order = sorted.every((position, index) => position === index) ? inOrder : sorted;
    if (orders.size >= ordersKept) orders.clear();
    orders.set(signature, order);
  }
  return order;
}
