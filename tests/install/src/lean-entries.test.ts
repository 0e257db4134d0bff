// Every provider's main entry stays lean (issue #23): at most 15 names — the factory, its
// settings and its errors — with the sync tool's descriptor on `./descriptor` and webhook
// parsing on `./push`. Read from each package's source entry, so a new provider is held to
// it with no edit here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { workspaceProviders } from './testing/workspace-providers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const maximumNames = 15;

/** The names a module exports, as written in it (`export *` is reported as `*`). */
function exportedNames(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (!clause) names.push('*');
      else if (ts.isNamedExports(clause))
        for (const element of clause.elements) names.push(element.name.text);
      else names.push(clause.name.text);
    } else if (
      ts.canHaveModifiers(statement) &&
      ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)
    ) {
      names.push(statement.getText(source).split(/[\s(<=:{]+/)[2] ?? '?');
    }
  }
  return names;
}

const providers = workspaceProviders(root);

test('the workspace has provider packages', () => {
  expect(providers.length).toBeGreaterThan(0);
});

describe.each(providers)('$name', (provider) => {
  const directory = join(root, 'packages', provider.folder);
  const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
  };
  const names = exportedNames(join(directory, 'src', 'index.ts'));

  test(`its main entry exports at most ${maximumNames} names, none by \`export *\``, () => {
    expect(names).not.toContain('*');
    expect(names.length).toBeLessThanOrEqual(maximumNames);
  });

  test('its descriptor is on ./descriptor, not in the main entry; pushes on ./push', () => {
    expect(Object.keys(manifest.exports)).toEqual(
      expect.arrayContaining(['.', './descriptor', './push', './testing']),
    );
    expect(provider.descriptorModule).toBe(`${provider.name}/descriptor`);
    expect(names).not.toContain(provider.descriptor);
  });
});
