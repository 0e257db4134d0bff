// .env.example stays true: it names every variable a provider's descriptor reads and the
// tool's own, and nothing else.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { publicUrlVariable, webhookTokenVariables } from '../providers/push-routes.ts';
import { providerDescriptors } from './provider-registry.ts';

const example = readFileSync(new URL('../../../../.env.example', import.meta.url), 'utf8');
const named = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);

test('.env.example lists every variable the providers and the tool read, once, and no other', () => {
  const expected = [
    'CDR_DB',
    'DATABASE_URL',
    'CDR_ACCOUNTS',
    publicUrlVariable,
    ...webhookTokenVariables(),
    ...providerDescriptors.flatMap((descriptor) =>
      descriptor.environment.map((variable) => variable.name),
    ),
  ];
  expect([...named].sort()).toEqual([...expected].sort());
  // Empty values only: an example never carries a secret.
  expect(example).not.toMatch(/^[A-Z][A-Z0-9_]*=\S/m);
});
