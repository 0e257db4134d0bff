// An accounts file: any number of accounts, each a provider, a name and its settings, with
// every secret given as a reference — an environment variable or a file — never inline.
//
//   accounts:
//     - name: acme-support
//       provider: telecmi
//       settings:
//         credentials: { kind: rest-user, token: { env: ACME_TELECMI_TOKEN } }
//     - name: acme-cloudagent
//       provider: ozonetel
//       settings: { userName: acme, apiKey: { file: /run/secrets/ozonetel-key } }
//
// JSON or YAML (YAML 1.2 reads JSON too, so one parser serves both and every problem can be
// named by its line).
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import { InvalidRequestError } from '@cdr/core';
import type { ConfiguredAccount, ProviderDescriptor } from '@cdr/core/provider-utils';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { isTimeZone } from '../support/time-zone.ts';
import { UsageError } from '../support/usage-error.ts';

const accountName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9:._-]{0,62}$/i,
    'expected a name of letters, digits and : . _ - (at most 63)',
  );

const reference = z.union([
  z.strictObject({
    env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name'),
  }),
  z.strictObject({ file: z.string().min(1, 'expected a file path') }),
]);

const accountsFileSchema = z.strictObject({
  accounts: z
    .array(
      z.strictObject({
        name: accountName,
        provider: z.string().min(1),
        /** The zone of this account's report days when it is reported alone (see README). */
        timeZone: z
          .string()
          .refine(isTimeZone, 'expected an IANA time zone such as Asia/Kolkata or America/New_York')
          .optional(),
        settings: z.record(z.string(), z.unknown()),
      }),
    )
    .min(1, 'expected at least one account'),
});

type Path = readonly (string | number)[];

type AccountEntry = z.output<typeof accountsFileSchema>['accounts'][number];

/** An accounts file read and checked against its schema; `fail` names the file, line and field. */
interface AccountsDocument {
  accounts: AccountEntry[];
  fail: (at: Path, message: string) => never;
}

function readAccountsDocument(path: string): AccountsDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read the accounts file ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}`,
    );
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (document.errors.length > 0) {
    const [first] = document.errors;
    const line = lines.linePos(first!.pos[0]).line;
    throw new UsageError(
      `${path}:${line}: not valid JSON or YAML (${first!.message.split('\n')[0]})`,
    );
  }
  const lineOf = (at: Path): string => {
    for (let length = at.length; length >= 0; length--) {
      const node = document.getIn(at.slice(0, length), true) as
        | { range?: [number, number] }
        | undefined;
      const offset =
        node && typeof node === 'object' && 'range' in node ? node.range?.[0] : undefined;
      if (offset !== undefined) return `:${lines.linePos(offset).line}`;
    }
    return '';
  };
  const fail = (at: Path, message: string): never => {
    const field = at
      .map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`))
      .join('')
      .replace(/^\./, '');
    throw new UsageError(`${path}${lineOf(at)}: ${field ? `${field}: ` : ''}${message}`);
  };

  const parsed = accountsFileSchema.safeParse(document.toJS());
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    fail(issue!.path as Path, issue!.message);
  }
  return { accounts: parsed.data!.accounts, fail };
}

/**
 * The accounts' own zones (`timeZone`), by account name: read for a report, which needs no
 * secret, so none is resolved.
 */
export function readAccountTimeZones(path: string): Map<string, string> {
  const { accounts } = readAccountsDocument(path);
  return new Map(
    accounts.flatMap((entry) => (entry.timeZone ? [[entry.name, entry.timeZone] as const] : [])),
  );
}

/** Reads and checks an accounts file; every problem is one error naming the file, line and field. */
export function readAccountsFile(
  path: string,
  descriptors: readonly ProviderDescriptor[],
  env: Readonly<Record<string, string | undefined>>,
): ConfiguredAccount[] {
  const { accounts, fail } = readAccountsDocument(path);
  const names = new Set<string>();
  const base = dirname(path);
  return accounts.map((entry, index) => {
    const at = (...rest: (string | number)[]): Path => ['accounts', index, ...rest];
    if (names.has(entry.name))
      fail(at('name'), `a second account named "${entry.name}": names must be unique`);
    names.add(entry.name);
    const descriptor = descriptors.find((candidate) => candidate.provider === entry.provider);
    if (!descriptor)
      fail(
        at('provider'),
        `no provider "${entry.provider}"; known: ${descriptors.map((d) => d.provider).join(', ')}`,
      );
    const settings = structuredClone(entry.settings);
    const resolve = (where: Path, value: unknown, what: string): string => {
      const given = reference.safeParse(value);
      if (!given.success)
        fail(
          where,
          `${what} is given as a reference, never inline: { env: VARIABLE } or { file: path }`,
        );
      const ref = given.data!;
      if ('env' in ref) {
        const found = env[ref.env];
        if (!found) fail(where, `the environment variable ${ref.env} is not set`);
        return found!;
      }
      const file = isAbsolute(ref.file) ? ref.file : resolvePath(base, ref.file);
      try {
        return readFileSync(file, 'utf8').trim();
      } catch {
        return fail(where, `cannot read the secret file ${file}`);
      }
    };
    // Secrets: references only, resolved here.
    for (const secretPath of descriptor!.secretSettings ?? []) {
      const keys = secretPath.split('.');
      const parent = keys
        .slice(0, -1)
        .reduce<unknown>(
          (value, key) => (value as Record<string, unknown> | undefined)?.[key],
          settings,
        ) as Record<string, unknown> | undefined;
      const key = keys.at(-1)!;
      if (!parent || parent[key] === undefined) continue;
      parent[key] = resolve(at('settings', ...keys), parent[key], 'a secret');
    }
    // Extra headers carry credentials as often as not (`x-api-key`, a gateway's token): every
    // value is a reference too, and each is kept out of output like the declared secrets.
    const headerValues = resolveHeaders(settings, (name, value) =>
      resolve(at('settings', 'transport', 'headers', name), value, "a header's value"),
    );
    try {
      const account = descriptor!.fromSettings(entry.name, settings);
      return headerValues.length === 0
        ? account
        : { ...account, secrets: [...new Set([...account.secrets, ...headerValues])] };
    } catch (error) {
      if (error instanceof InvalidRequestError) {
        // The provider names the setting (`credentials.kind`): point at it in the file.
        const setting = /`([^`]+)`/.exec(error.message)?.[1];
        const where = setting ? at('settings', ...setting.split('.')) : at('settings');
        const reason = error.message.replace(/^\[[^\]]+\]\s*/, '').replace(/^invalid [^:]+: /, '');
        fail(where, reason.replace(/^`[^`]+`: /, ''));
      }
      throw error;
    }
  });
}

/** Replaces each of `settings.transport.headers`' values by what `read` makes of it. */
function resolveHeaders(
  settings: Record<string, unknown>,
  read: (name: string, value: unknown) => string,
): string[] {
  const transport = settings.transport;
  if (typeof transport !== 'object' || transport === null) return [];
  const headers = (transport as Record<string, unknown>).headers;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return [];
  const resolved = Object.entries(headers).map(([name, value]) => [name, read(name, value)]);
  (transport as Record<string, unknown>).headers = Object.fromEntries(resolved);
  return resolved.map(([, value]) => value!).filter((value) => value !== '');
}
