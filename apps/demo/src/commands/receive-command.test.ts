import { createServer } from 'node:net';
import { ExotelSimulator } from '@cdr/exotel/testing';
import { TwilioSimulator } from '@cdr/twilio/testing';
import { afterEach, expect, test } from 'vitest';
import {
  cli,
  startCli,
  startTestWorld,
  storedCalls,
  type TestWorld,
  temporaryDatabase,
  testNow,
} from '../testing/test-support.ts';

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const simulation = { calls: 10, latencyMs: 0 };

test('bad --path, --port and --host are refused at start, naming the flag', async () => {
  const cases: [string[], RegExp][] = [
    [['--path', 'noslash'], /^error: option '--path <prefix>' argument 'noslash' is invalid/],
    [['--port', '99999'], /^error: option '--port <port>' argument '99999' is invalid/],
    [['--host', '256.1.1.1'], /^error: option '--host <host>' argument '256.1.1.1' is invalid/],
  ];
  for (const [flags, message] of cases) {
    const run = await cli(['--db', temporaryDatabase(), 'receive', ...flags], {}, { simulation });
    expect(run.exitCode, flags.join(' ')).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  }
});

test('a port already in use: one line naming the address, exit 1', async () => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as { port: number };
  try {
    const run = await cli(
      ['--db', temporaryDatabase(), 'receive', '--port', String(port)],
      {},
      { simulation },
    );
    expect(run.exitCode).toBe(1);
    expect(
      run.stderr.split('\n').filter((text) => !text.startsWith('No accounts configured')),
    ).toEqual([
      `error: cannot listen on 127.0.0.1:${port}: the address is already in use (another receiver running?)`,
      '',
    ]);
  } finally {
    await new Promise((resolve) => holder.close(resolve));
  }
});

test('listening beyond loopback warns that the endpoint is reachable from the network', async () => {
  const running = startCli(
    ['--db', temporaryDatabase(), 'receive', '--host', '0.0.0.0', '--port', '0'],
    {},
    { simulation },
  );
  await running.printed(/Receiving Ozonetel callbacks for ozonetel .* at \S+/);
  const run = await running.stop();
  expect(run.exitCode).toBe(0);
  expect(run.stderr).toContain(
    "warning: listening on 0.0.0.0, reachable from the network: a push is checked only against a secret (the account's API key, the webhook token) that plain HTTP carries in clear",
  );
  const local = startCli(
    ['--db', temporaryDatabase(), 'receive', '--port', '0'],
    {},
    { simulation },
  );
  await local.printed(/Receiving Ozonetel callbacks/);
  expect((await local.stop()).stderr).not.toContain('warning');
});

test('simulated mode says which key it accepts and how to push; a repeat is counted as one', async () => {
  const database = temporaryDatabase();
  const running = startCli(['--db', database, 'receive', '--port', '0'], {}, { simulation });
  const [, key] = await running.printed(/simulator's API key (KK\w+)/);
  // The printed command, run as curl would: the part after the first `=` URL-encoded.
  const [, quoted, url] = await running.printed(/^ {2}curl --data-urlencode '(.*)' (\S+)$/m);
  const argument = quoted!.replaceAll(`'\\''`, "'");
  const json = argument.slice(argument.indexOf('=') + 1);
  expect(JSON.parse(json).Apikey).toBe(key);
  const push = () =>
    fetch(url!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ data: json }),
    });
  expect((await push()).status).toBe(200);
  expect((await push()).status).toBe(200);
  const run = await running.stop();
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toMatch(/^stored ozonetel \d+$/m);
  expect(run.stdout).toMatch(/^repeat ozonetel \d+$/m);
  expect(run.stderr).toMatch(/^2 pushes: 1 call stored, 1 repeat$/m);
  expect(await storedCalls(database)).toHaveLength(1);
});

test('with a real account the key is never printed', async () => {
  const current = await startTestWorld({ ozonetel: { calls: 5 } });
  world = current;
  const running = startCli(['--db', temporaryDatabase(), 'receive', '--port', '0'], world.env);
  const [url] = await running.printed(/http:\/\/\S+\/ozonetel/);
  const [first, second] = current.ozonetel
    .calls()
    .filter((call) => current.ozonetel.storeOf(call) !== 'none');
  expect(await world.ozonetel.pushCallback(url, first!.ucid)).toBe(200);
  expect(await world.ozonetel.pushCallback(url, second!.ucid)).toBe(200);
  expect(await world.ozonetel.pushCallback(url, first!.ucid)).toBe(200);
  const run = await running.stop();
  expect(run.stderr).toMatch(/^3 pushes: 2 calls stored, 1 repeat$/m);
  expect(run.stderr).toContain(
    'Ozonetel pushes must carry the account’s API key (OZONETEL_API_KEY).',
  );
  // Standard output: one line per call stored, nothing else.
  expect(run.stdout).toBe(
    `stored ozonetel ${first!.ucid}\nstored ozonetel ${second!.ucid}\nrepeat ozonetel ${first!.ucid}\n`,
  );
  expect(run.stdout + run.stderr).not.toContain(world.ozonetel.apiKey);
});

test('--path puts a prefix before each account’s path; other paths are 404', async () => {
  const running = startCli(
    ['--db', temporaryDatabase(), 'receive', '--port', '0', '--path', '/cdr/'],
    {},
    { simulation },
  );
  const [, url] = await running.printed(/Ozonetel callbacks for ozonetel .* at (http:\/\/\S+)$/m);
  expect(new URL(url!).pathname).toBe('/cdr/ozonetel');
  const elsewhere = await fetch(new URL('/ozonetel', url), { method: 'POST', body: 'data={}' });
  expect(elsewhere.status).toBe(404);
  const run = await running.stop();
  expect(run.exitCode).toBe(0);
});

test('no account that pushes: one line saying which would, exit 1', async () => {
  const current = await startTestWorld();
  world = current;
  const { OZONETEL_USER_NAME, OZONETEL_API_KEY, OZONETEL_BASE_URL, ...telecmiOnly } = current.env;
  const run = await cli(['--db', temporaryDatabase(), 'receive', '--port', '0'], telecmiOnly);
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toMatch(
    /^error: no configured account receives pushes \(telecmi:rest-user, .*\); .*TELECMI_WEBHOOK_TOKEN.*\n$/,
  );
});

test('TeleCMI CDR webhooks at /telecmi/<token>: two legs, repeated, in any order, are one call; the listing agrees', async () => {
  const current = await startTestWorld({ telecmi: { calls: 60 } });
  world = current;
  const token = 'webhook-token-for-tests';
  const env = { ...current.env, TELECMI_WEBHOOK_TOKEN: token };
  const database = temporaryDatabase();
  const running = startCli(['--db', database, 'receive', '--port', '0'], env);
  const [, url] = await running.printed(/TeleCMI CDR webhooks for telecmi:rest-user .* at (\S+)$/m);
  const calls = current.telecmi.calls('rest-user');
  const twoLegs = calls.find(
    (call) => call.direction === 'outbound' && call.status === 'answered',
  )!;
  const oneLeg = calls.find((call) => call.status === 'missed')!;
  const deliveries = [
    ...(await current.telecmi.pushWebhook(`${url}/${token}`, twoLegs.id, {
      order: 'b-first',
      repeat: 2,
      liveEvents: true,
    })),
    ...(await current.telecmi.pushWebhook(`${url}/${token}`, oneLeg.id, { method: 'GET' })),
  ];
  expect(deliveries.map((delivery) => delivery.status).every((status) => status === 200)).toBe(
    true,
  );
  // A wrong token is a path that does not exist, and stores nothing.
  const wrong = await current.telecmi.pushWebhook(`${url}/not-the-token-at-all`, oneLeg.id);
  expect(wrong.map((delivery) => delivery.status)).toEqual([404]);
  const run = await running.stop();
  expect(run.exitCode).toBe(0);
  expect(run.stderr).not.toContain(token);
  const stored = await storedCalls(database);
  expect(stored.map((call) => call.id).sort()).toEqual([twoLegs.id, oneLeg.id].sort());
  // Both legs, each once however often it came, in the one call.
  const merged = stored.find((call) => call.id === twoLegs.id)!;
  expect((merged.raw as { webhookLegs?: unknown[] }).webhookLegs).toHaveLength(2);
  // Then the listing: the same rows, the listed call replacing what the webhooks told.
  const sync = await cli(
    ['--db', database, 'sync', '--provider', 'telecmi:rest-user', '--initial', '4d'],
    current.env,
  );
  expect(sync.exitCode).toBe(0);
  const after = await storedCalls(database);
  expect(after.filter((call) => call.id === twoLegs.id)).toHaveLength(1);
  expect(after).toHaveLength(calls.length);
});

test('a TeleCMI webhook token shorter than 16 characters is refused at start', async () => {
  const current = await startTestWorld({ telecmi: { calls: 10 } });
  world = current;
  const run = await cli(['--db', temporaryDatabase(), 'receive', '--port', '0'], {
    ...current.env,
    TELECMI_WEBHOOK_TOKEN: 'short',
  });
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toBe(
    "error: TELECMI_WEBHOOK_TOKEN must be 16 characters or more (it is the only check on TeleCMI's pushes)\n",
  );
});

/** A printed `curl -H 'Name: value' --data-raw 'body' URL` run as curl would. */
async function runCurl(command: string): Promise<number> {
  const unquote = (text: string) => text.replaceAll(`'\\''`, "'");
  const header = /-H '((?:[^']|'\\'')*)'/.exec(command)?.[1];
  const [, body, url] = /--data-raw '((?:[^']|'\\'')*)' (\S+)$/.exec(command)!;
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
  };
  if (header) {
    const text = unquote(header);
    headers[text.slice(0, text.indexOf(':'))] = text.slice(text.indexOf(':') + 1).trim();
  }
  const answer = await fetch(url!, { method: 'POST', headers, body: unquote(body!) });
  return answer.status;
}

test('simulated mode prints a signed Twilio test callback and an Exotel test push that are stored', async () => {
  const database = temporaryDatabase();
  const running = startCli(['--db', database, 'receive', '--port', '0'], {}, { simulation });
  const [, twilioPush] = await running.printed(/Push a test Twilio call:\n {2}(curl .*)$/m);
  const [, exotelPush] = await running.printed(/Push a test Exotel call:\n {2}(curl .*)$/m);
  expect(twilioPush).toMatch(/^curl -H 'X-Twilio-Signature: \S+' --data-raw '.*CallSid=CA/);
  expect(await runCurl(twilioPush!)).toBe(200);
  expect(await runCurl(exotelPush!)).toBe(200);
  // The same callback unsigned is refused.
  expect(await runCurl(twilioPush!.replace(/-H '[^']*' /, ''))).toBe(403);
  const run = await running.stop();
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toMatch(/^stored twilio CA[0-9a-f]{32}\nstored exotel [0-9a-f]{32}\n$/);
  expect(run.stderr).toMatch(/^rejected a push for twilio: no X-Twilio-Signature/m);
  expect(run.stderr).toMatch(/^3 pushes: 2 calls stored, 1 rejected$/m);
  const stored = await storedCalls(database);
  expect(stored.map((call) => call.provider).sort()).toEqual(['exotel', 'twilio']);
});

async function startTwilio() {
  const simulator = await TwilioSimulator.start({ calls: 40, now: testNow.getTime() });
  const env = {
    TWILIO_ACCOUNT_SID: simulator.accountSid,
    TWILIO_AUTH_TOKEN: simulator.authToken,
    TWILIO_BASE_URL: simulator.url,
  };
  return { simulator, env };
}

test('Twilio behind a proxy: --public-url is the URL signed; pushes signed over it are stored, others 403; the token never shows', async () => {
  const { simulator, env } = await startTwilio();
  try {
    const database = temporaryDatabase();
    const running = startCli(
      [
        '--db',
        database,
        'receive',
        '--port',
        '0',
        '--public-url',
        'https://cdr.example.com/hooks/',
      ],
      env,
    );
    const [, url] = await running.printed(/Twilio status callbacks for twilio .* at (\S+)$/m);
    const [answered, busy] = ['completed', 'busy'].map(
      (status) => simulator.calls().find((call) => call.record.status === status)!,
    );
    const send = (
      callback: ReturnType<TwilioSimulator['statusCallback']>,
      headers = callback.headers,
    ) =>
      fetch(url!, { method: 'POST', headers, body: callback.body }).then((answer) => answer.status);
    const signed = simulator.statusCallback(answered!.id, 'https://cdr.example.com/hooks/twilio');
    expect(await send(signed)).toBe(200);
    // Signed over the address the receiver listens at: not the URL Twilio calls.
    expect(await send(simulator.statusCallback(busy!.id, url!))).toBe(403);
    expect(await send(signed, { 'content-type': signed.headers['content-type']! })).toBe(403);
    const run = await running.stop();
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(`stored twilio ${answered!.id}\n`);
    expect(run.stderr).toContain(
      "Set https://cdr.example.com/hooks/twilio as the StatusCallback of twilio's calls (signed with its Auth Token over that URL).",
    );
    expect(run.stderr).toMatch(/^3 pushes: 1 call stored, 2 rejected$/m);
    expect(run.stdout + run.stderr).not.toContain(simulator.authToken);
    expect((await storedCalls(database)).map((call) => call.id)).toEqual([answered!.id]);
  } finally {
    await simulator.stop();
  }
});

test('Twilio: no public URL, a bad one, or an API key without the Auth Token: one line naming it, exit 1', async () => {
  const { simulator, env } = await startTwilio();
  try {
    const receive = (extra: string[], variables: Record<string, string>) =>
      cli(['--db', temporaryDatabase(), 'receive', '--port', '0', ...extra], variables);
    const none = await receive([], env);
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toBe(
      "error: Twilio signs the URL it calls: give the receiver's public URL with --public-url (or CDR_PUBLIC_URL), e.g. https://cdr.example.com, to receive twilio\n",
    );
    const badFlag = await receive(['--public-url', 'https://cdr.example.com/?x=1'], env);
    expect(badFlag.stderr).toMatch(
      /^error: option '--public-url <url>' argument 'https:\/\/cdr.example.com\/\?x=1' is invalid/,
    );
    const badVariable = await receive([], { ...env, CDR_PUBLIC_URL: 'ftp://cdr.example.com' });
    expect(badVariable.stderr).toMatch(/^error: CDR_PUBLIC_URL: Use the http\(s\) URL/);
    const { TWILIO_AUTH_TOKEN: _token, ...withoutToken } = env;
    const keyOnly = {
      ...withoutToken,
      TWILIO_API_KEY: simulator.apiKey,
      TWILIO_API_SECRET: simulator.apiSecret,
    };
    const key = await receive(['--public-url', 'https://cdr.example.com'], keyOnly);
    expect(key.exitCode).toBe(1);
    expect(key.stderr).toBe(
      "error: twilio authenticates with an API key, which signs nothing: receiving its status callbacks needs the account's Auth Token, which Twilio signs them with (set TWILIO_AUTH_TOKEN beside the key; in an accounts file, authToken instead of apiKey)\n",
    );
    for (const run of [none, badFlag, badVariable, key])
      expect(run.stdout + run.stderr).not.toContain(simulator.apiSecret);
    // The key with the Auth Token beside it: the token checks the callbacks.
    const running = startCli(['--db', temporaryDatabase(), 'receive', '--port', '0'], {
      ...keyOnly,
      TWILIO_AUTH_TOKEN: simulator.authToken,
      CDR_PUBLIC_URL: 'https://cdr.example.com',
    });
    const [, url] = await running.printed(/Twilio status callbacks for twilio .* at (\S+)$/m);
    const call = simulator.calls().find((candidate) => candidate.record.status === 'completed')!;
    const callback = simulator.statusCallback(call.id, 'https://cdr.example.com/twilio', {
      json: true,
    });
    const query = callback.url.slice(callback.url.indexOf('?'));
    const answer = await fetch(url + query, {
      method: 'POST',
      headers: callback.headers,
      body: callback.body,
    });
    expect(answer.status).toBe(200);
    const run = await running.stop();
    expect(run.stdout).toBe(`stored twilio ${call.id}\n`);
    expect(run.stdout + run.stderr).not.toMatch(
      new RegExp(`${simulator.authToken}|${simulator.apiSecret}`),
    );
  } finally {
    await simulator.stop();
  }
});

test('Exotel StatusCallbacks at /exotel/<EXOTEL_WEBHOOK_TOKEN>: form and JSON stored, a wrong token 404; a short token refused', async () => {
  const simulator = await ExotelSimulator.start({ calls: 40, now: testNow.getTime() });
  try {
    const token = 'exotel-token-for-the-cli-tests';
    const env = {
      EXOTEL_ACCOUNT_SID: simulator.accountSid,
      EXOTEL_API_KEY: simulator.apiKey,
      EXOTEL_API_TOKEN: simulator.apiToken,
      EXOTEL_BASE_URL: simulator.url,
    };
    const database = temporaryDatabase();
    const running = startCli(['--db', database, 'receive', '--port', '0'], {
      ...env,
      EXOTEL_WEBHOOK_TOKEN: token,
    });
    const [, url] = await running.printed(/Exotel StatusCallbacks for exotel .* at (\S+)$/m);
    const [first, second] = simulator.calls();
    const send = (to: string, callId: string, json: boolean) => {
      const callback = simulator.statusCallback(callId, { json });
      return fetch(to, { method: 'POST', headers: callback.headers, body: callback.body }).then(
        (answer) => answer.status,
      );
    };
    expect(await send(`${url}/${token}`, first!.id, false)).toBe(200);
    expect(await send(`${url}/${token}`, second!.id, true)).toBe(200);
    expect(await send(`${url}/wrong-token-wrong-token`, first!.id, false)).toBe(404);
    expect(await send(url!, first!.id, false)).toBe(404);
    const run = await running.stop();
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(`stored exotel ${first!.id}\nstored exotel ${second!.id}\n`);
    expect(run.stderr).toContain('Give Exotel http://127.0.0.1:');
    expect(run.stderr).toContain(
      "/exotel/<EXOTEL_WEBHOOK_TOKEN> as the StatusCallback URL of exotel's calls",
    );
    expect(run.stdout + run.stderr).not.toMatch(
      new RegExp(`${token}|${simulator.apiKey}|${simulator.apiToken}`),
    );
    expect((await storedCalls(database)).map((call) => call.id).sort()).toEqual(
      [first!.id, second!.id].sort(),
    );
    const short = await cli(['--db', temporaryDatabase(), 'receive', '--port', '0'], {
      ...env,
      EXOTEL_WEBHOOK_TOKEN: 'short',
    });
    expect(short.exitCode).toBe(1);
    expect(short.stderr).toBe(
      "error: EXOTEL_WEBHOOK_TOKEN must be 16 characters or more (it is the only check on Exotel's pushes)\n",
    );
  } finally {
    await simulator.stop();
  }
});
