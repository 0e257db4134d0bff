const hmsPattern = /^(\d+):([0-5]\d):([0-5]\d)$/;

/** Seconds from an `HH:MM:SS` duration (hours may exceed 23), or `undefined` when it is not one. */
export function parseHmsDuration(value: string): number | undefined {
  const match = hmsPattern.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}
