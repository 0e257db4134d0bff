// Fails on any import in a tracked source file whose specifier is an absolute path (run by CI
// and by `./pnpmw check:imports`). Such an import works only on the machine it was written
// on: in another clone it reaches a tree that is not there, or, worse, one that happens to be
// (a second checkout of this project), and the build passes by accident.
//
// TypeScript's own pre-processor reads the specifiers: static and dynamic `import`,
// `export … from`, `import x = require()`, and `require()` in JavaScript files.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const sourceFile = /\.(?:[cm]?[jt]s|tsx|jsx)$/;

/** A specifier that names a place on one machine: `/work/…`, `C:\…`, `file:///…`. */
function isAbsoluteSpecifier(specifier: string): boolean {
  return (
    specifier.startsWith('/') ||
    specifier.startsWith('\\') ||
    /^[A-Za-z]:[\\/]/.test(specifier) ||
    specifier.toLowerCase().startsWith('file:')
  );
}

/** The absolute specifiers a file's text imports, with their line numbers (1-based). */
function absoluteImports(text: string): { line: number; specifier: string }[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .filter((file) => isAbsoluteSpecifier(file.fileName))
    .map((file) => ({
      line: text.slice(0, file.pos).split('\n').length,
      specifier: file.fileName,
    }));
}

const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
  .split('\0')
  .filter((path) => sourceFile.test(path));
const problems: string[] = [];
for (const path of tracked) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    continue; // deleted in the work tree, not yet in the index
  }
  for (const { line, specifier } of absoluteImports(text))
    problems.push(`${path}:${line}: imports by absolute path: ${specifier}`);
}
if (problems.length > 0) {
  process.stderr.write(
    `${problems.join('\n')}\ncheck-imports: ${problems.length} import(s) by absolute path; import by package name or a relative path\n`,
  );
  process.exit(1);
}
process.stdout.write(`check-imports: ${tracked.length} tracked source files, no absolute import\n`);
