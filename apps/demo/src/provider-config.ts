import type { TelecmiCredentials } from '@cdr/telecmi';
import { isLoopback } from './is-loopback.ts';
import { UsageError } from './usage-error.ts';

/** The environment variables the tool reads; `.env.example` documents each. */
export const environmentVariables = {
  telecmiUserToken: 'TELECMI_USER_TOKEN',
  telecmiAppId: 'TELECMI_APP_ID',
  telecmiAppSecret: 'TELECMI_APP_SECRET',
  telecmiRestAppId: 'TELECMI_REST_APP_ID',
  telecmiRestAppSecret: 'TELECMI_REST_APP_SECRET',
  telecmiAgentToken: 'TELECMI_AGENT_TOKEN',
  telecmiRestUrl: 'TELECMI_REST_URL',
  telecmiPiopiyUrl: 'TELECMI_PIOPIY_URL',
  ozonetelUserName: 'OZONETEL_USER_NAME',
  ozonetelApiKey: 'OZONETEL_API_KEY',
  ozonetelBaseUrl: 'OZONETEL_BASE_URL',
} as const;

export interface ProviderConfig {
  telecmi: TelecmiCredentials[];
  telecmiBaseUrls: { rest?: string; piopiy?: string };
  ozonetel?: { userName: string; apiKey: string; baseUrl?: string };
}

type Environment = Readonly<Record<string, string | undefined>>;

const credentialNames = [
  environmentVariables.telecmiUserToken,
  environmentVariables.telecmiAppId,
  environmentVariables.telecmiAppSecret,
  environmentVariables.telecmiRestAppId,
  environmentVariables.telecmiRestAppSecret,
  environmentVariables.telecmiAgentToken,
  environmentVariables.ozonetelUserName,
  environmentVariables.ozonetelApiKey,
];

function read(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/**
 * A URL as it may appear in an error: no user name or password, query string or fragment,
 * where tokens and keys hide (`?token=…`). Only http(s) URLs keep their path: in other
 * schemes (`data:`, `mailto:`) the path is the payload.
 */
function shownUrl(url: URL): string {
  if (url.protocol === 'http:' || url.protocol === 'https:')
    return `${url.protocol}//${url.host}${url.pathname}`;
  return url.host ? `${url.protocol}//${url.host}` : url.protocol;
}

// The transport keeps a base URL's scheme, host and path and nothing else.
const keptParts = 'a base URL keeps only its scheme, host and path';

function url(env: Environment, name: string): string | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  const parsed = URL.parse(value);
  // Not echoed: with no structure to go by, any part of it could be a secret.
  if (!parsed) throw new UsageError(`${name} is not a URL`);
  const shown = shownUrl(parsed);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new UsageError(`${name} is not an http(s) URL: ${shown}`);
  if (parsed.username || parsed.password)
    throw new UsageError(
      `${name} must not hold a user name or password (${shown}): ${keptParts}, and credentials have their own variables`,
    );
  if (parsed.search)
    throw new UsageError(
      `${name} must not have a query string (${shown}): ${keptParts}, so it would be silently dropped`,
    );
  if (parsed.hash)
    throw new UsageError(
      `${name} must not have a fragment (${shown}): ${keptParts}, so it would be silently dropped`,
    );
  // The transport refuses it too, but as "bad credentials" and without the variable's name.
  if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname))
    throw new UsageError(
      `${name} must use https (${shown}): plain http, which carries tokens in clear, is allowed only to this machine`,
    );
  return value;
}

/**
 * The providers configured in the environment, or `undefined` when no credential is set
 * (the tool then runs against its simulators). A half-configured provider is an error, not
 * a provider silently left out.
 */
export function readProviderConfig(env: Environment): ProviderConfig | undefined {
  if (!credentialNames.some((name) => read(env, name) !== undefined)) return undefined;
  const names = environmentVariables;
  const telecmi: TelecmiCredentials[] = [];
  const userToken = read(env, names.telecmiUserToken);
  if (userToken) telecmi.push({ kind: 'rest-user', token: userToken });
  const app = (
    kind: 'rest-app' | 'piopiy-app',
    idName: string,
    secretName: string,
    product: string,
  ) => {
    const appId = read(env, idName);
    const appSecret = read(env, secretName);
    if (appId === undefined && appSecret === undefined) return;
    if (appId === undefined || appSecret === undefined) {
      const missing = appId === undefined ? idName : secretName;
      throw new UsageError(`${missing} is missing: a ${product} app needs both its id and secret`);
    }
    if (!/^\d+$/.test(appId)) throw new UsageError(`${idName} must be a number`);
    telecmi.push({ kind, appId: Number(appId), appSecret });
  };
  app('rest-app', names.telecmiRestAppId, names.telecmiRestAppSecret, 'TeleCMI (CHUB)');
  app('piopiy-app', names.telecmiAppId, names.telecmiAppSecret, 'PIOPIY');
  const agentToken = read(env, names.telecmiAgentToken);
  if (agentToken) telecmi.push({ kind: 'piopiy-agent', token: agentToken });

  const userName = read(env, names.ozonetelUserName);
  const apiKey = read(env, names.ozonetelApiKey);
  let ozonetel: ProviderConfig['ozonetel'];
  if (userName !== undefined || apiKey !== undefined) {
    if (userName === undefined || apiKey === undefined) {
      const missing = userName === undefined ? names.ozonetelUserName : names.ozonetelApiKey;
      throw new UsageError(`${missing} is missing: Ozonetel needs the user name and API key`);
    }
    const baseUrl = url(env, names.ozonetelBaseUrl);
    ozonetel = { userName, apiKey, ...(baseUrl ? { baseUrl } : {}) };
  }
  const rest = url(env, names.telecmiRestUrl);
  const piopiy = url(env, names.telecmiPiopiyUrl);
  return {
    telecmi,
    telecmiBaseUrls: { ...(rest ? { rest } : {}), ...(piopiy ? { piopiy } : {}) },
    ...(ozonetel ? { ozonetel } : {}),
  };
}
