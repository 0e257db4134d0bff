import { describe, expect, test } from 'vitest';
import type { CallProvider } from '../call-provider.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { lookUpByGetCall } from './call-lookups.js';
import { defineProviderDescriptor } from './define-provider-descriptor.js';

interface ExampleSettings {
  name?: string | undefined;
  account: string;
  credentials: { key: string; secret: string };
  baseUrls?: { api?: string | undefined } | undefined;
}

// A strict check in the shape of a provider's: the settings path in backquotes.
function parseSettings(input: unknown, what: string): ExampleSettings {
  const settings = input as ExampleSettings;
  if (!/^AC\d+$/.test(settings.account))
    throw new InvalidRequestError({
      provider: 'example',
      message: `invalid ${what}: \`account\`: expected AC and digits`,
    });
  return settings;
}

const stopped: string[] = [];
const descriptor = defineProviderDescriptor({
  provider: 'example',
  displayName: 'Example',
  variables: {
    account: {
      name: 'EXAMPLE_ACCOUNT',
      description: 'the account',
      required: 'calls name it',
      setting: 'account',
    },
    key: { name: 'EXAMPLE_KEY', description: 'the key' },
    secret: { name: 'EXAMPLE_SECRET', description: 'the secret', secret: true },
    apiUrl: {
      name: 'EXAMPLE_API_URL',
      description: 'another host',
      optional: true,
      baseUrl: true,
      setting: 'baseUrls.api',
    },
    mode: {
      name: 'EXAMPLE_MODE',
      description: 'a or b',
      optional: true,
      check: (value) => (value === 'a' || value === 'b' ? undefined : 'must be a or b'),
    },
  },
  secretSettings: ['credentials.secret', 'credentials.missing.deeper'],
  parseSettings,
  create: (settings) => ({ name: settings.name }) as unknown as CallProvider,
  fromEnvironment({ settings, pair }) {
    const credentials = pair('key', 'secret', 'a key');
    if (!credentials) return [];
    return [
      {
        name: 'example',
        settings: { ...settings, credentials: { key: credentials[0], secret: credentials[1] } },
        details: credentials[0],
      },
    ];
  },
  describe: (settings, key: string | undefined) => ({
    account: settings.account,
    secrets: [key === 'shared' ? settings.credentials.secret : undefined],
  }),
  simulator: {
    defaults: { calls: 10, days: 2 },
    async start(options) {
      return { options, stop: async () => void stopped.push('example') };
    },
    accounts: (server) => [
      {
        name: 'example:seeded',
        settings: {
          account: 'AC1',
          credentials: { key: 'k', secret: `seed-${server.options.seed}` },
        },
        expectedCallIds: () => [
          `${server.options.calls}-${server.options.days}-${server.options.now.toISOString()}`,
        ],
        // Pushes every other call of four, as a simulator that pushes reports them.
        pushCalls: async (url: string, withhold: (index: number) => boolean) => {
          const ids = ['a', 'b', 'c', 'd'].map((id) => `${url}#${id}`);
          return {
            pushed: ids.filter((_, index) => !withhold(index)).length,
            withheld: ids.filter((_, index) => withhold(index)),
          };
        },
      },
      {
        name: 'example:silent',
        settings: { account: 'AC2', credentials: { key: 'k', secret: 's' } },
        expectedCallIds: () => [],
      },
    ],
  },
});

function refusal(env: Readonly<Record<string, string | undefined>>): string {
  try {
    descriptor.fromEnvironment(env);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    return (error as Error).message.replace('[example] ', '');
  }
  throw new Error('accepted');
}

describe('defineProviderDescriptor', () => {
  test('lists the variables in order, secrets and required ones marked', () => {
    expect(
      descriptor.environment.map((variable) => [variable.name, variable.secret, variable.required]),
    ).toEqual([
      ['EXAMPLE_ACCOUNT', false, true],
      ['EXAMPLE_KEY', false, false],
      ['EXAMPLE_SECRET', true, false],
      ['EXAMPLE_API_URL', false, false],
      ['EXAMPLE_MODE', false, false],
    ]);
  });

  test('configures nothing when only optional variables are set, or only blanks', () => {
    expect(
      descriptor.fromEnvironment({ EXAMPLE_API_URL: 'https://x.example', EXAMPLE_KEY: '  ' }),
    ).toEqual([]);
  });

  test('reads trimmed values into settings by their paths, and secrets by secretSettings', () => {
    const [account] = descriptor.fromEnvironment({
      EXAMPLE_ACCOUNT: ' AC7 ',
      EXAMPLE_KEY: 'shared',
      EXAMPLE_SECRET: 'hush',
      EXAMPLE_API_URL: 'http://127.0.0.1:9',
    });
    expect([account!.name, account!.provider, account!.account, account!.secrets]).toEqual([
      'example',
      'example',
      'AC7',
      ['hush'],
    ]);
    // Built from the checked settings with the account's name laid over them.
    expect(account!.create().name).toBe('example');
  });

  test('names the variable to fix, never its value', () => {
    expect(refusal({ EXAMPLE_KEY: 'k', EXAMPLE_SECRET: 's' })).toBe(
      'EXAMPLE_ACCOUNT is missing: calls name it',
    );
    expect(refusal({ EXAMPLE_ACCOUNT: 'AC1', EXAMPLE_KEY: 'k' })).toBe(
      'EXAMPLE_SECRET is missing: a key needs both EXAMPLE_KEY and EXAMPLE_SECRET',
    );
    expect(refusal({ EXAMPLE_ACCOUNT: 'AC1', EXAMPLE_API_URL: 'ftp://x/?t=HIDDEN' })).toMatch(
      /^EXAMPLE_API_URL: expected https/,
    );
    expect(refusal({ EXAMPLE_ACCOUNT: 'AC1', EXAMPLE_MODE: 'HIDDEN' })).toBe(
      'EXAMPLE_MODE must be a or b',
    );
    // A settings error about a variable's path names the variable.
    expect(refusal({ EXAMPLE_ACCOUNT: 'HIDDEN', EXAMPLE_KEY: 'k', EXAMPLE_SECRET: 's' })).toContain(
      '(`account` is EXAMPLE_ACCOUNT, for example)',
    );
    for (const env of [
      { EXAMPLE_ACCOUNT: 'AC1', EXAMPLE_API_URL: 'ftp://x/?t=HIDDEN' },
      { EXAMPLE_ACCOUNT: 'HIDDEN', EXAMPLE_KEY: 'k', EXAMPLE_SECRET: 's' },
    ])
      expect(refusal(env)).not.toContain('HIDDEN');
  });

  test('settings from a file are checked by the provider', () => {
    expect(() =>
      descriptor.fromSettings('x', { account: 'nope', credentials: { key: 'k', secret: 's' } }),
    ).toThrow('invalid Example settings');
  });

  test('simulate resolves its options and checks the seeded accounts by name', async () => {
    const now = new Date('2026-11-24T06:30:00Z');
    const simulated = await descriptor.simulate({ seed: 5, days: 3, now: () => now });
    expect(simulated.accounts.map((account) => [account.name, account.secrets])).toEqual([
      ['example:seeded', ['seed-5']],
      ['example:silent', ['s']],
    ]);
    const window = { from: now, to: now };
    expect(simulated.expectedCallIds('example:seeded', window)).toEqual([
      `10-3-${now.toISOString()}`,
    ]);
    expect(() => simulated.expectedCallIds('other', window)).toThrow(
      'no simulated Example account other',
    );
    // A seeded account's pushes, through the simulation; an account that pushes nothing.
    expect(await simulated.pushCalls?.('example:seeded', 'u', (index) => index % 2 === 0)).toEqual({
      pushed: 2,
      withheld: ['u#a', 'u#c'],
    });
    expect(await simulated.pushCalls?.('example:silent', 'u', () => false)).toEqual({
      pushed: 0,
      withheld: [],
    });
    await simulated.stop();
    expect(stopped).toEqual(['example']);
  });

  test('looks calls up by getCall unless the provider says otherwise', () => {
    expect(descriptor.lookup?.idName).toBe('call id');
    expect(descriptor.lookup?.lookUp).toBe(lookUpByGetCall);
    expect(descriptor.lookup?.idProblem).toBeUndefined();
  });
});
