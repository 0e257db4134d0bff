import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { cli, startTestWorld, type TestWorld, temporaryDatabase } from '../testing/test-support.ts';

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

// Configuration errors end the command before any request: no simulator is needed.
const sync = (env: Record<string, string>) =>
  cli(['--db', temporaryDatabase(), 'sync'], { TELECMI_USER_TOKEN: 'token-for-tests', ...env });

test('a bad base URL is named in the error without its secret-looking parts', async () => {
  const cases: [Record<string, string>, string][] = [
    [
      { TELECMI_REST_URL: 'ftp://x/?token=SECRET#SECRET' },
      'error: TELECMI_REST_URL: expected https (plain http only to a loopback address), got ftp://x/\n',
    ],
    [
      { TELECMI_PIOPIY_URL: 'https://user:SECRET@piopiy.example/v1/?token=SECRET' },
      'error: TELECMI_PIOPIY_URL: a base URL cannot carry credentials (user:password@); give them in their own setting: https://piopiy.example/v1/\n',
    ],
    [
      { TELECMI_REST_URL: 'https://rest.example/?token=SECRET' },
      'error: TELECMI_REST_URL: a base URL cannot carry a query string: https://rest.example/\n',
    ],
    [
      { TELECMI_REST_URL: 'https://rest.example/#SECRET' },
      'error: TELECMI_REST_URL: a base URL cannot carry a fragment: https://rest.example/\n',
    ],
    [
      { TELECMI_REST_URL: 'not a url?token=SECRET' },
      'error: TELECMI_REST_URL: expected an http(s) URL, got (not a URL, 22 characters)\n',
    ],
    [
      { TELECMI_REST_URL: 'http://rest.example/v2' },
      'error: TELECMI_REST_URL: expected https (plain http only to a loopback address), got http://rest.example/v2\n',
    ],
    [
      {
        OZONETEL_USER_NAME: 'someone',
        OZONETEL_API_KEY: 'KKkey',
        OZONETEL_BASE_URL: 'data:text/plain,SECRET',
      },
      'error: OZONETEL_BASE_URL: expected https (plain http only to a loopback address), got data:…\n',
    ],
  ];
  for (const [env, message] of cases) {
    const run = await sync(env);
    expect(run.exitCode, JSON.stringify(env)).toBe(1);
    expect(run.stderr).toBe(message);
    expect(run.stderr + run.stdout).not.toContain('SECRET');
  }
});

test('a plain base URL with a path is accepted', async () => {
  const run = await cli(['--db', temporaryDatabase(), 'sync', '--retries', '0'], {
    TELECMI_USER_TOKEN: 'token-for-tests',
    TELECMI_REST_URL: 'http://127.0.0.1:9/v2/',
  });
  // Past configuration: the request itself fails (nothing listens on port 9).
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toMatch(/^telecmi:rest-user {2}FAILED {2}network: /m);
});

test('half-configured credentials are refused before any request', async () => {
  world = await startTestWorld();
  const before = world.telecmi.requestCount;
  const run = await cli(['--db', temporaryDatabase(), 'sync'], { TELECMI_APP_ID: '1111113' });
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toBe(
    'error: TELECMI_APP_SECRET is missing: a PIOPIY app needs both TELECMI_APP_ID and TELECMI_APP_SECRET\n',
  );
  const ozonetel = await cli(['--db', temporaryDatabase(), 'sync'], { OZONETEL_API_KEY: 'KKkey' });
  expect(ozonetel.stderr).toBe(
    'error: OZONETEL_USER_NAME is missing: Ozonetel needs the user name and API key\n',
  );
  expect(world.telecmi.requestCount).toBe(before);
});

test('accounts from a file (--accounts or CDR_ACCOUNTS, from where the user stands) beside the environment’s', async () => {
  world = await startTestWorld({ telecmi: { calls: 100 } });
  const current = world;
  const here = mkdtempSync(join(tmpdir(), 'cdr-cwd-'));
  writeFileSync(
    join(here, 'accounts.yaml'),
    `accounts:
  - name: second-user
    provider: telecmi
    settings:
      credentials: { kind: rest-user, token: { env: SECOND_TOKEN } }
      baseUrls: { rest: ${current.telecmi.url}, piopiy: ${current.telecmi.url} }
`,
  );
  const env = {
    TELECMI_USER_TOKEN: current.env.TELECMI_USER_TOKEN!,
    TELECMI_REST_URL: current.telecmi.url,
    SECOND_TOKEN: current.env.TELECMI_USER_TOKEN!,
  };
  const database = temporaryDatabase();
  const run = await cli(
    ['--db', database, '--accounts', 'accounts.yaml', 'sync', '--initial', '4d'],
    env,
    { cwd: here },
  );
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toMatch(/^telecmi:rest-user .* listed/m);
  expect(run.stdout).toMatch(/^second-user .* listed/m);
  const viaEnv = await cli(
    ['--db', database, 'check'],
    { ...env, CDR_ACCOUNTS: 'accounts.yaml' },
    { cwd: here },
  );
  expect(viaEnv.stdout).toMatch(/^second-user +telecmi +ok$/m);
  // A name used twice (here, the environment's account named again in the file).
  writeFileSync(
    join(here, 'clash.yaml'),
    'accounts:\n  - { name: "telecmi:rest-user", provider: telecmi, settings: { credentials: { kind: rest-user, token: { env: SECOND_TOKEN } } } }\n',
  );
  const clash = await cli(['--db', database, '--accounts', 'clash.yaml', 'sync'], env, {
    cwd: here,
  });
  expect(clash.exitCode).toBe(1);
  expect(clash.stderr).toBe(
    'error: two accounts are named "telecmi:rest-user" (the environment and the accounts file?): names must be unique\n',
  );
});

test('an account’s concurrency in the accounts file is what reaches its provider', async () => {
  world = await startTestWorld({ telecmi: { calls: 300, latencyMs: 15 } });
  const current = world;
  const here = mkdtempSync(join(tmpdir(), 'cdr-cwd-'));
  const accountsWith = (concurrency: number) =>
    `accounts:
  - name: paced
    provider: telecmi
    settings:
      concurrency: ${concurrency}
      credentials: { kind: rest-user, token: { env: TOKEN } }
      baseUrls: { rest: ${current.telecmi.url}, piopiy: ${current.telecmi.url} }
`;
  const syncWith = async (concurrency: number) => {
    writeFileSync(join(here, 'accounts.yaml'), accountsWith(concurrency));
    current.telecmi.resetPeakInFlight();
    const run = await cli(
      ['--db', temporaryDatabase(), '--accounts', 'accounts.yaml', 'sync', '--initial', '4d'],
      { TOKEN: current.env.TELECMI_USER_TOKEN! },
      { cwd: here },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    return current.telecmi.peakInFlight;
  };
  expect(await syncWith(1)).toBe(1);
  const wide = await syncWith(6);
  expect(wide).toBeGreaterThan(1);
  expect(wide).toBeLessThanOrEqual(6);
});
