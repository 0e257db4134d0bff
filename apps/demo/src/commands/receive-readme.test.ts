// The README's "Receiving pushes" section stays true to the command: every variable the
// routes read is in it, and every flag it names is one `cdr receive --help` lists.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { publicUrlVariable, webhookTokenVariables } from '../providers/push-routes.ts';
import { cli } from '../testing/test-support.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(
  readme.indexOf('## Receiving pushes'),
  readme.indexOf('\n## ', readme.indexOf('## Receiving pushes') + 1),
);

test('the receive section names every variable and only flags the command has', async () => {
  for (const variable of [publicUrlVariable, ...webhookTokenVariables(), 'TWILIO_AUTH_TOKEN'])
    expect(section).toContain(`\`${variable}\``);
  const help = (await cli(['receive', '--help'], {})).stdout;
  const flags = new Set(
    [...section.matchAll(/(?<![\w-])--[a-z][a-z-]+/g)].map((match) => match[0]),
  );
  expect([...flags].sort()).toEqual(['--path', '--port', '--public-url']);
  for (const flag of flags) expect(help, flag).toContain(flag);
  expect(help).toContain(publicUrlVariable);
});
