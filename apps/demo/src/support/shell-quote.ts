/** Single-quoted for a POSIX shell: a printed command the user can paste as it is. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
