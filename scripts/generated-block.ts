// A generated part of a hand-written Markdown file (README.md's package table, CONTRIBUTING.md's
// sizes table) lies between two HTML comment lines: the generator rewrites what is between
// them and keeps the rest of the file as written.

/**
 * `text` with what lies between the `start` and `end` lines replaced by `render` of it (both
 * trimmed of surrounding newlines). Throws, naming `path`, when a marker is missing.
 */
export function replaceGeneratedBlock(
  text: string,
  markers: { start: string; end: string },
  path: string,
  render: (inside: string) => string,
): string {
  const from = text.indexOf(markers.start);
  const to = text.indexOf(markers.end);
  if (from === -1) throw new Error(`${path} has lost its line "${markers.start}"`);
  if (to < from) throw new Error(`${path} has no "${markers.end}" after "${markers.start}"`);
  const head = text.slice(0, from + markers.start.length);
  const inside = text.slice(head.length, to).replace(/^\n+|\n+$/g, '');
  return `${head}\n${render(inside)}\n${text.slice(to)}`;
}
