// The ISO 4217 codes this Node.js knows (ICU's list, historical codes included): the check
// carries no table of its own to fall out of date.
let codes: ReadonlySet<string> | undefined;

/** Whether `value` is an ISO 4217 currency code, upper case (`INR`, `USD`). */
export function isCurrencyCode(value: string): boolean {
  codes ??= new Set(Intl.supportedValuesOf('currency'));
  return codes.has(value);
}

/**
 * A provider's currency text → its ISO 4217 code (`usd` → `USD`), or `undefined` when it is
 * not one: `"<b>"` is not a currency, whatever its length.
 */
export function parseCurrencyCode(value: string): string | undefined {
  const code = value.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) && isCurrencyCode(code) ? code : undefined;
}
