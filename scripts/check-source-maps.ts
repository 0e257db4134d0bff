// Checks a package's published source maps (run by each package's check:package): no path
// of the build machine, and every source's content carried, so a user's debugger shows the
// TypeScript from the installed package alone.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

const directory = process.argv[2] ?? 'dist';
const problems: string[] = [];
let maps = 0;
for (const name of readdirSync(directory)) {
  if (!name.endsWith('.map')) continue;
  maps++;
  const map = JSON.parse(readFileSync(join(directory, name), 'utf8')) as {
    file?: string;
    sources: string[];
    sourcesContent?: (string | null)[];
  };
  if (map.file && isAbsolute(map.file))
    problems.push(`${name}: file is an absolute path (${map.file})`);
  for (const [index, source] of map.sources.entries()) {
    if (isAbsolute(source))
      problems.push(`${name}: source ${index} is an absolute path (${source})`);
    // The CommonJS pass maps its own helpers to the output file itself, which ships beside the map.
    const shipped = existsSync(join(directory, source));
    if (typeof map.sourcesContent?.[index] !== 'string' && !shipped)
      problems.push(`${name}: no content for ${source}`);
  }
}
if (maps === 0) problems.push(`${directory}: no source maps`);
if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`${directory}: ${maps} source maps, relative paths, sources carried\n`);
