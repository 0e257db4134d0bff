const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `2/1m`, `1/30s`, `2/250ms`: requests per interval. `undefined` when unreadable. */
export function parseReportsRateLimit(
  text: string,
): { limit: number; intervalMs: number } | undefined {
  const match = /^(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(text.trim());
  if (!match) return undefined;
  const limit = Number(match[1]);
  const intervalMs = Number(match[2]) * durationUnits[match[3]!]!;
  if (!Number.isSafeInteger(limit) || limit < 1 || !(intervalMs > 0)) return undefined;
  return { limit, intervalMs };
}
