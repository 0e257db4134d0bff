const decimalPattern = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * An amount from a number or a decimal string such as `"0.0000"` or `"0.1001"`, or
 * `undefined` when the value is not a finite decimal. Providers send costs both ways.
 */
export function parseMoneyAmount(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const text = value.trim();
  if (!decimalPattern.test(text)) return undefined;
  return Number(text);
}
