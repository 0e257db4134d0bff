// `cdr --log-format json sync`, the real CLI in a child process on the test's clock
// (`CDR_NOW`): standard error is one JSON object per line, and no credential reaches it even
// when the providers echo every request back. `-v` shows the transport's retries and waits.
import { secretForms } from '@cdr/core/provider-utils';
import { afterEach, expect, test } from 'vitest';
import { runCdr } from '../testing/cdr-process.ts';
import {
  type CliRun,
  cli,
  startCli,
  startTestWorld,
  type TestWorld,
  temporaryDatabase,
  testNow,
} from '../testing/test-support.ts';

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

/** The real CLI, on the test's clock; times as the expectations read them (India's). */
async function spawnCli(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  const { code, stdout, stderr } = await runCdr(args, { env: { CDR_TZ: 'Asia/Kolkata', ...env } });
  return { exitCode: code ?? -1, stdout, stderr };
}

/** The test world's credentials: what must never be printed. */
const secretsOf = (current: TestWorld) => [
  current.env.TELECMI_USER_TOKEN!,
  current.env.TELECMI_REST_APP_SECRET!,
  current.env.TELECMI_APP_SECRET!,
  current.env.TELECMI_AGENT_TOKEN!,
  current.env.OZONETEL_API_KEY!,
];

test('--log-format json: one JSON object per line, each account with its duration, a failure with its code, no secret though every request is echoed back', async () => {
  const current = await startTestWorld({ telecmi: { calls: 120 }, ozonetel: { calls: 10 } });
  world = current;
  // TeleCMI's first request is answered with the whole request quoted back (its token in
  // it), then served; its records echo a credential in their free text. Ozonetel echoes
  // every request until the account fails.
  current.telecmi.injectFault('echo-request', 1);
  current.telecmi.echoInRecords(current.env.TELECMI_APP_SECRET!);
  current.ozonetel.injectFault('echo-request', 20);
  const run = await spawnCli(
    [
      '--db',
      temporaryDatabase(),
      '--log-format',
      'json',
      '-v',
      '--retries',
      '1',
      'sync',
      '--initial',
      '2d',
    ],
    current.env,
  );
  expect(current.telecmi.faults.produced.get('echo-request')).toBe(1);
  expect(current.ozonetel.faults.produced.get('echo-request')).toBeGreaterThanOrEqual(2);
  // Ozonetel failed, TeleCMI's accounts are done: partial.
  expect(run.exitCode, run.stderr).toBe(3);

  const lines = run.stderr.split('\n').filter((line) => line !== '');
  const entries = lines.map((line) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`not a JSON line on standard error: ${line}`);
    }
  });
  for (const entry of entries) {
    expect(['debug', 'info', 'warn', 'error']).toContain(entry.level);
    expect(typeof entry.msg).toBe('string');
    // The child's clock: CDR_NOW, advancing in real time from there.
    const time = Date.parse(String(entry.time));
    expect(time).toBeGreaterThanOrEqual(testNow.getTime());
    expect(time).toBeLessThan(testNow.getTime() + 3_600_000);
  }

  const synced = entries.filter((entry) => entry.msg === 'synced');
  expect(synced.map((entry) => entry.account).sort()).toEqual([
    'telecmi:piopiy-agent',
    'telecmi:piopiy-app',
    'telecmi:rest-app',
    'telecmi:rest-user',
  ]);
  for (const entry of synced) {
    expect(entry).toMatchObject({ level: 'info', provider: 'telecmi' });
    expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    expect(entry.listed).toBeGreaterThan(0);
  }
  const failed = entries.filter((entry) => entry.msg === 'sync failed');
  expect(failed).toHaveLength(1);
  expect(failed[0]).toMatchObject({
    level: 'error',
    provider: 'ozonetel',
    errorCode: 'provider_error',
  });
  expect(failed[0]!.durationMs).toBeGreaterThanOrEqual(0);
  // -v: the echoed answer's retry, with its reason and wait.
  expect(entries).toContainEqual(
    expect.objectContaining({
      level: 'debug',
      msg: 'retry',
      provider: 'telecmi',
      errorCode: 'provider_error',
      delayMs: expect.any(Number),
    }),
  );
  expect(entries.some((entry) => entry.msg === 'request' && entry.provider === 'ozonetel')).toBe(
    true,
  );

  // The echoes reached the tool (redacted where they were), and nothing of a secret got out.
  expect(run.stderr).toContain('[REDACTED]');
  for (const secret of secretsOf(current))
    for (const form of secretForms(secret)) {
      expect(run.stderr).not.toContain(form);
      expect(run.stdout).not.toContain(form);
    }
  // Standard output is the command's output, as without --log-format.
  expect(run.stdout).toMatch(/^telecmi:rest-user {2}.* IST {2}\d+ listed, \d+ new/m);
  expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(4);
});

test('-v: the transport’s retries (with reason and wait) and rate-limit waits, one text line each', async () => {
  const current = await startTestWorld({ telecmi: { calls: 60 }, ozonetel: { calls: 10 } });
  world = current;
  // The provider's own rate-limit answer, then a server error: each retried.
  current.telecmi.injectFault('rate-limited', 1);
  current.telecmi.injectFault('server-error', 1);
  const run = await cli(
    ['--db', temporaryDatabase(), '-v', 'sync', '--initial', '3d'],
    current.env,
  );
  expect(run.exitCode, run.stderr).toBe(0);
  expect(run.stderr).toMatch(
    /^\[cdr:http\] telecmi:\S+ {2}retry of POST \S+ in [\d,]+ ms: attempt 1 failed: rate_limited: /m,
  );
  expect(run.stderr).toMatch(
    /^\[cdr:http\] telecmi:\S+ {2}retry of POST \S+ in [\d,]+ ms: attempt \d failed: provider_error: HTTP 503/m,
  );
  // Ozonetel's reports budget (2 requests a quarter-second here, on both sides) is kept by
  // waiting: each wait is shown.
  expect(run.stderr).toMatch(
    /^\[cdr:http\] ozonetel\S* {2}rate-limit wait of [\d,]+ ms before GET /m,
  );
  expect(run.stderr).toMatch(
    /^\[cdr:http\] telecmi:rest-user {2}→ POST http:\/\/127\.0\.0\.1:\d+\//m,
  );
  // Without -v, none of it.
  const plain = await cli(['--db', temporaryDatabase(), 'sync', '--initial', '1d'], current.env);
  expect(plain.exitCode, plain.stderr).toBe(0);
  expect(plain.stderr).not.toContain('[cdr:http]');
});

test('--log-format json: the run’s closing error is a JSON line too; CDR_LOG_FORMAT does the same', async () => {
  const simulation = { calls: 10, days: 1, latencyMs: 0 };
  for (const [args, env] of [
    [['--log-format', 'json'], {}],
    [[], { CDR_LOG_FORMAT: 'json' }],
  ] as const) {
    const run = await cli(
      [...args, '--db', temporaryDatabase(), 'sync', '--provider', 'nope'],
      env,
      { simulation },
    );
    expect(run.exitCode).toBe(1);
    const entries = run.stderr
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.at(-1)).toMatchObject({
      level: 'error',
      msg: expect.stringMatching(/^no account "nope"; configured: /),
    });
  }
  const wrong = await cli(
    ['--db', temporaryDatabase(), 'sync'],
    { CDR_LOG_FORMAT: 'xml' },
    { simulation },
  );
  expect(wrong.exitCode).toBe(1);
  expect(wrong.stderr).toBe('error: CDR_LOG_FORMAT must be text or json (got "xml")\n');
});

test('-v: a wait for Ozonetel’s token budget is shown as it starts, and Ctrl-C ends it (exit 130)', async () => {
  // The simulator issues no token: "Token generation limit exceeded", a wait of minutes.
  const current = await startTestWorld({ ozonetel: { calls: 5, tokensPerHour: 0 } });
  world = current;
  const running = startCli(
    ['--db', temporaryDatabase(), '-v', 'sync', '--provider', 'ozonetel', '--initial', '1d'],
    current.env,
  );
  await running.printed(
    /^\[cdr:http\] ozonetel\S* {2}retry of POST \/ca_apis\/CAToken\/generateToken in [\d,]+ ms: attempt 1 failed: rate_limited: .*Token generation limit exceeded/m,
  );
  const run = await running.stop();
  expect(run.exitCode).toBe(130);
  expect(run.stderr).toMatch(/^interrupted$/m);
});
