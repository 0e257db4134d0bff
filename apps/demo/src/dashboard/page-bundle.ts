// The page's script, built from the very functions the server runs: a module shipped this
// way is the source text of its exported functions (Node strips their types and leaves the
// rest as written), wrapped in a scope of its own. No bundler, no build step, and the
// figures a saved file draws after a filter change come from the code that drew them first.
import * as script from './dashboard-script.ts';
import * as filtering from './filter-breakdown.ts';
import * as renderer from './render-dashboard-body.ts';

/** A module's exported functions as one expression that gives them by name. */
export function moduleSource(module: Readonly<Record<string, unknown>>): string {
  const functions = Object.entries(module).filter(
    (entry): entry is [string, (...args: never[]) => unknown] => typeof entry[1] === 'function',
  );
  // `function name<T>(` reads `function name   (` once Node strips the type parameters.
  for (const [name, value] of functions)
    if (!new RegExp(`^function ${name}\\s*\\(`).test(value.toString()))
      throw new Error(`${name} must be a function declaration to be shipped to the page`);
  return `(() => {\n${functions.map(([, value]) => value.toString()).join('\n')}\nreturn { ${functions.map(([name]) => name).join(', ')} };\n})()`;
}

/** Keeps a `</script>` inside the code from closing the element (`<\/` is the same string in JS). */
function inScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1');
}

/** The script of a saved file: filters and pages its embedded data. */
export function filePageScript(): string {
  return inScript(`"use strict";
const renderer = ${moduleSource(renderer)};
const filtering = ${moduleSource(filtering)};
const page = ${moduleSource(script)};
page.startFilePage(window, renderer.renderDashboardBody, filtering.viewFromBreakdown, filtering.decodeFileData);
`);
}

/** The script of a served page: refreshes when the database changes. */
export function servedPageScript(): string {
  return inScript(`"use strict";
const page = ${moduleSource(script)};
page.startServedPage(window);
`);
}
