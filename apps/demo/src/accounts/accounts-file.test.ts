import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { UsageError } from '../support/usage-error.ts';
import { readAccountsFile } from './accounts-file.ts';
import { providerDescriptors } from './provider-registry.ts';

function accountsFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cdr-accounts-')), name);
  writeFileSync(path, text);
  return path;
}

const read = (path: string, env: Record<string, string> = {}) =>
  readAccountsFile(path, providerDescriptors, env);

function problem(path: string, env: Record<string, string> = {}): string {
  try {
    read(path, env);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
}

test('YAML: any number of accounts, secrets from the environment or a file beside it', () => {
  const path = accountsFile(
    'accounts.yaml',
    `accounts:
  - name: acme-support
    provider: telecmi
    settings:
      credentials: { kind: rest-user, token: { env: ACME_TOKEN } }
  - name: acme-cloudagent
    provider: ozonetel
    settings:
      userName: acme
      apiKey: { file: ozonetel.key }
`,
  );
  writeFileSync(join(path, '..', 'ozonetel.key'), 'KKfromfile\n');
  const accounts = read(path, { ACME_TOKEN: 'token-from-env' });
  expect(accounts.map((account) => [account.name, account.provider])).toEqual([
    ['acme-support', 'telecmi'],
    ['acme-cloudagent', 'ozonetel'],
  ]);
  // The secrets were read (and are known, to keep them out of output); never the references.
  expect(accounts.flatMap((account) => account.secrets)).toEqual(['token-from-env', 'KKfromfile']);
});

test('JSON is read the same way', () => {
  const path = accountsFile(
    'accounts.json',
    JSON.stringify({
      accounts: [
        {
          name: 'a',
          provider: 'telecmi',
          settings: { credentials: { kind: 'rest-user', token: { env: 'T' } } },
        },
      ],
    }),
  );
  expect(read(path, { T: 'x' }).map((account) => account.name)).toEqual(['a']);
});

test('every mistake is one line naming the file, the line and the field', () => {
  const inline = accountsFile(
    'inline.yaml',
    `accounts:
  - name: acme
    provider: telecmi
    settings:
      credentials:
        kind: rest-user
        token: the-token-itself
`,
  );
  expect(problem(inline)).toBe(
    `${inline}:7: accounts[0].settings.credentials.token: a secret is given as a reference, never inline: { env: VARIABLE } or { file: path }`,
  );
  expect(problem(inline)).not.toContain('the-token-itself');

  // Every provider the registry holds, in its order: the message lists what can be named.
  const knownProviders = providerDescriptors.map((descriptor) => descriptor.provider).join(', ');
  const unknown = accountsFile(
    'unknown.yaml',
    'accounts:\n  - name: acme\n    provider: exophone\n    settings: {}\n',
  );
  expect(problem(unknown)).toMatch(
    new RegExp(
      `^${unknown}:3: accounts\\[0\\]\\.provider: no provider "exophone"; known: ${knownProviders}`,
    ),
  );

  const twice = accountsFile(
    'twice.yaml',
    `accounts:
  - { name: a, provider: ozonetel, settings: { userName: u, apiKey: { env: K } } }
  - { name: a, provider: ozonetel, settings: { userName: v, apiKey: { env: K } } }
`,
  );
  expect(problem(twice, { K: 'KK1' })).toBe(
    `${twice}:3: accounts[1].name: a second account named "a": names must be unique`,
  );

  const unset = accountsFile(
    'unset.yaml',
    'accounts:\n  - { name: a, provider: ozonetel, settings: { userName: u, apiKey: { env: NOPE } } }\n',
  );
  expect(problem(unset)).toBe(
    `${unset}:2: accounts[0].settings.apiKey: the environment variable NOPE is not set`,
  );

  const kind = accountsFile(
    'kind.yaml',
    'accounts:\n  - name: a\n    provider: telecmi\n    settings:\n      credentials: { kind: user, token: { env: T } }\n',
  );
  expect(problem(kind, { T: 'x' })).toMatch(
    new RegExp(`^${kind}:5: accounts\\[0\\]\\.settings\\.credentials`),
  );

  const broken = accountsFile('broken.yaml', 'accounts:\n  - name: [unclosed\n');
  expect(problem(broken)).toMatch(new RegExp(`^${broken}:\\d+: not valid JSON or YAML`));

  expect(problem('/nonexistent/accounts.yaml')).toBe(
    'cannot read the accounts file /nonexistent/accounts.yaml: no such file',
  );
  const empty = accountsFile('empty.yaml', 'accounts: []\n');
  expect(problem(empty)).toBe(`${empty}:1: accounts: expected at least one account`);
});

test('transport.headers: every value a reference, resolved, sent and kept out of output', async () => {
  const inline = accountsFile(
    'inline-header.yaml',
    `accounts:
  - name: acme
    provider: ozonetel
    settings:
      userName: acme
      apiKey: { env: K }
      transport:
        headers: { x-gateway-token: the-gateway-token }
`,
  );
  expect(problem(inline, { K: 'KK1' })).toBe(
    `${inline}:8: accounts[0].settings.transport.headers.x-gateway-token: a header's value is given as a reference, never inline: { env: VARIABLE } or { file: path }`,
  );
  expect(problem(inline, { K: 'KK1' })).not.toContain('the-gateway-token');

  const seen: (string | undefined)[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers['x-gateway-token'] as string | undefined);
    response.writeHead(401, { 'content-type': 'application/json' }).end('{"status":"error"}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  try {
    const { port } = server.address() as AddressInfo;
    const byReference = accountsFile(
      'header-reference.yaml',
      `accounts:
  - name: acme
    provider: telecmi
    settings:
      credentials: { kind: rest-user, token: { env: T } }
      baseUrls: { rest: "http://127.0.0.1:${port}" }
      transport:
        headers: { x-gateway-token: { file: gateway.token } }
`,
    );
    writeFileSync(join(byReference, '..', 'gateway.token'), 'gw-secret-from-file\n');
    const [account] = read(byReference, { T: 'token-from-env' });
    expect(account!.secrets).toEqual(['token-from-env', 'gw-secret-from-file']);
    const provider = account!.create();
    const window = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-02T00:00:00Z') };
    await expect(async () => {
      for await (const _ of provider.listCalls(window)) break;
    }).rejects.toThrow();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((value) => value === 'gw-secret-from-file')).toBe(true);
  } finally {
    server.close();
  }
});
