import { readFileSync } from 'node:fs';

const folder = new URL('../__fixtures__/', import.meta.url);

/** A fixture as saved: the docs' text, verbatim. */
export const fixtureText = (name: string) => readFileSync(new URL(name, folder), 'utf8');

/** A JSON fixture; `.jsonc` loses its `//` comments, `.rb.txt` its Ruby-hash notation. */
export function fixture(name: string): unknown {
  let text = fixtureText(name);
  if (name.endsWith('.jsonc')) text = text.replace(/\s\/\/[^\n]*/g, '');
  if (name.endsWith('.rb.txt')) text = text.replaceAll('=>', ':').replace(/\bnil\b/g, 'null');
  return JSON.parse(text);
}
