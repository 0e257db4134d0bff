const hmsPattern = /^(\d+):([0-5]\d):([0-5]\d)$/;

/** Seconds from an `HH:MM:SS` duration (hours may exceed 23), or `undefined` when it is not one. */
export function parseHmsDuration(value: string): number | undefined {
  const match = hmsPattern.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

const wholeNumberPattern = /^\d+$/;

/**
 * A count of whole seconds from a number or a decimal-digit string (`"42"`), or `undefined`
 * when it is anything else: `Number()` would take `"0x10"` as 16, `"1e1"` as 10, `" "` as 0
 * and `"-5"` as a negative duration.
 */
export function parseWholeSeconds(value: number | string): number | undefined {
  const seconds =
    typeof value === 'number'
      ? value
      : wholeNumberPattern.test(value.trim())
        ? Number(value.trim())
        : Number.NaN;
  return Number.isSafeInteger(seconds) && seconds >= 0 ? seconds : undefined;
}
