import { expect, test } from 'vitest';
import { cli, temporaryDatabase } from './test-support.ts';

// Configuration errors end the command before any request: no simulator is needed.
const sync = (env: Record<string, string>) =>
  cli(['--db', temporaryDatabase(), 'sync'], { TELECMI_USER_TOKEN: 'token-for-tests', ...env });

test('a bad base URL is named in the error without its secret-looking parts', async () => {
  const cases: [Record<string, string>, string][] = [
    [
      { TELECMI_REST_URL: 'ftp://x/?token=SECRET#SECRET' },
      'error: TELECMI_REST_URL is not an http(s) URL: ftp://x\n',
    ],
    [
      { TELECMI_PIOPIY_URL: 'https://user:SECRET@piopiy.example/v1/?token=SECRET' },
      'error: TELECMI_PIOPIY_URL must not hold a user name or password (https://piopiy.example/v1/): a base URL keeps only its scheme, host and path, and credentials have their own variables\n',
    ],
    [
      { TELECMI_REST_URL: 'https://rest.example/?token=SECRET' },
      'error: TELECMI_REST_URL must not have a query string (https://rest.example/): a base URL keeps only its scheme, host and path, so it would be silently dropped\n',
    ],
    [
      { TELECMI_REST_URL: 'https://rest.example/#SECRET' },
      'error: TELECMI_REST_URL must not have a fragment (https://rest.example/): a base URL keeps only its scheme, host and path, so it would be silently dropped\n',
    ],
    [{ TELECMI_REST_URL: 'not a url?token=SECRET' }, 'error: TELECMI_REST_URL is not a URL\n'],
    [
      { TELECMI_REST_URL: 'http://rest.example/v2' },
      'error: TELECMI_REST_URL must use https (http://rest.example/v2): plain http, which carries tokens in clear, is allowed only to this machine\n',
    ],
    [
      {
        OZONETEL_USER_NAME: 'someone',
        OZONETEL_API_KEY: 'KKkey',
        OZONETEL_BASE_URL: 'data:text/plain,SECRET',
      },
      'error: OZONETEL_BASE_URL is not an http(s) URL: data:\n',
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
