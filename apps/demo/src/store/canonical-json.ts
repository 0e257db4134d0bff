/**
 * JSON with every object's keys in PostgreSQL `jsonb`'s order (shorter keys first, then by
 * bytes), so a call stored in SQLite reads back exactly as the same call stored as `jsonb`
 * does: `export` gives the same bytes from either store. Key order carries no meaning in a
 * provider's record; the values are untouched.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const entries = Object.entries(item as Record<string, unknown>);
    entries.sort(
      ([a], [b]) =>
        Buffer.byteLength(a) - Buffer.byteLength(b) ||
        Buffer.compare(Buffer.from(a), Buffer.from(b)),
    );
    return Object.fromEntries(entries);
  });
}
