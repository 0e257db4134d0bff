// How a `--number` filter reads what was typed: here, below the store, so that the command
// line checks the flag without loading the store's SQL.

/** The digits a number filter matches on, or `undefined` when the text holds too few to be a number. */
export function numberFilterDigits(text: string): string | undefined {
  const digits = text.replace(/\D/g, '');
  return digits.length >= 3 ? digits.slice(-10) : undefined;
}
