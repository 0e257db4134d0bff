import type { CallDirection, CallStatus } from '@cdr/core';

/**
 * The four ways to authenticate, each tied to one product and one host:
 * - `rest-user`: a TeleCMI (CHUB) user's login token, REST v2 user endpoints;
 * - `rest-app`: a TeleCMI (CHUB) app id and secret, REST v2 app endpoints;
 * - `piopiy-app`: a PIOPIY (India) app id and secret, PIOPIY app endpoints;
 * - `piopiy-agent`: a PIOPIY agent's login token, PIOPIY agent endpoints.
 */
export type TelecmiCredentialKind = 'rest-user' | 'rest-app' | 'piopiy-app' | 'piopiy-agent';

export const telecmiCredentialKinds: readonly TelecmiCredentialKind[] = [
  'rest-user',
  'rest-app',
  'piopiy-app',
  'piopiy-agent',
];

/** Which host an endpoint lives on: REST v2 (`rest.telecmi.com`) or PIOPIY (`piopiy.telecmi.com`). */
export type TelecmiHost = 'rest' | 'piopiy';

/** The calls an endpoint serves, named `<direction>-<status>` (and `voicemail`, PIOPIY's own). */
export type TelecmiEndpointGroup =
  | 'inbound-answered'
  | 'inbound-missed'
  | 'outbound-answered'
  | 'outbound-missed'
  | 'voicemail';

/** How sure the endpoint's existence and shape are: a provider page says so, or it was deduced. */
export type TelecmiEvidence = 'confirmed' | 'inferred';

/**
 * One CDR endpoint, declared rather than coded: a new endpoint is one entry here (and its
 * simulator route and fixtures). The surfaces differ in id key, total key, secret key,
 * date keys and page cap; each entry says which it uses.
 */
export interface TelecmiEndpoint {
  /** Unique key; `endpoints` settings name endpoints by it. */
  id: string;
  credentialKind: TelecmiCredentialKind;
  group: TelecmiEndpointGroup;
  host: TelecmiHost;
  path: string;
  direction: CallDirection;
  status: CallStatus;
  /** Request fields fixed for this endpoint, e.g. out_cdr's `type: 1` for answered calls. */
  fixedParameters?: Readonly<Record<string, number | string>>;
  /** Names of the window parameters: `from`/`to` (user, agent) or `start_date`/`end_date` (apps). */
  windowParameters: readonly [from: string, to: string];
  /** The field the credential's secret goes in: `token` (users, agents, PIOPIY apps) or `secret` (REST apps). */
  secretParameter: 'token' | 'secret';
  /** Which field holds the total. */
  totalField: 'count' | 'total';
  /** Which field holds the record's id. */
  idField: 'cmiuid' | '_id';
  /** The largest `limit` the endpoint accepts. */
  maxPageSize: number;
  /** Whether this endpoint is asked by default for its group (one per group), or only when chosen. */
  default: boolean;
  evidence: TelecmiEvidence;
}

const restUser = {
  credentialKind: 'rest-user',
  host: 'rest',
  windowParameters: ['from', 'to'],
  secretParameter: 'token',
  totalField: 'count',
  idField: 'cmiuid',
  maxPageSize: 10,
} as const;

const restApp = {
  credentialKind: 'rest-app',
  host: 'rest',
  windowParameters: ['start_date', 'end_date'],
  secretParameter: 'secret',
  totalField: 'count',
  idField: 'cmiuid',
  maxPageSize: 20,
  evidence: 'confirmed',
} as const;

const piopiyApp = {
  credentialKind: 'piopiy-app',
  host: 'piopiy',
  windowParameters: ['start_date', 'end_date'],
  secretParameter: 'token',
  totalField: 'total',
  idField: '_id',
  maxPageSize: 10,
} as const;

const piopiyAgent = {
  credentialKind: 'piopiy-agent',
  host: 'piopiy',
  windowParameters: ['from', 'to'],
  secretParameter: 'token',
  totalField: 'count',
  idField: '_id',
  maxPageSize: 10,
} as const;

const inboundAnswered = {
  group: 'inbound-answered',
  direction: 'inbound',
  status: 'answered',
} as const;
const inboundMissed = { group: 'inbound-missed', direction: 'inbound', status: 'missed' } as const;
const outboundAnswered = {
  group: 'outbound-answered',
  direction: 'outbound',
  status: 'answered',
} as const;
const outboundMissed = {
  group: 'outbound-missed',
  direction: 'outbound',
  status: 'missed',
} as const;

/**
 * Every CDR endpoint the provider docs and notes name (see the package README for the
 * sources). Where two endpoints serve one group, one is the default and the other can be
 * chosen with the `endpoints` setting — the way out when an inferred endpoint turns out
 * not to exist for an account.
 */
export const telecmiEndpoints: readonly TelecmiEndpoint[] = [
  // REST v2, user token: `/v2/user/…`, limit ≤ 10, from/to mandatory.
  {
    ...restUser,
    ...inboundAnswered,
    id: 'user-in-cdr-answered',
    path: '/v2/user/in_cdr',
    fixedParameters: { type: 1 },
    default: true,
    evidence: 'inferred',
  },
  {
    ...restUser,
    ...inboundAnswered,
    id: 'user-answered',
    path: '/v2/user/answered',
    default: false,
    evidence: 'inferred',
  },
  {
    ...restUser,
    ...inboundMissed,
    id: 'user-missed',
    path: '/v2/user/missed',
    default: true,
    evidence: 'confirmed',
  },
  {
    ...restUser,
    ...inboundMissed,
    id: 'user-in-cdr-missed',
    path: '/v2/user/in_cdr',
    fixedParameters: { type: 0 },
    default: false,
    evidence: 'inferred',
  },
  {
    ...restUser,
    ...outboundAnswered,
    id: 'user-out-cdr-answered',
    path: '/v2/user/out_cdr',
    fixedParameters: { type: 1 },
    default: true,
    evidence: 'confirmed',
  },
  {
    ...restUser,
    ...outboundAnswered,
    id: 'user-out-answered',
    path: '/v2/user/out_answered',
    default: false,
    evidence: 'inferred',
  },
  {
    ...restUser,
    ...outboundMissed,
    id: 'user-out-cdr-missed',
    path: '/v2/user/out_cdr',
    fixedParameters: { type: 0 },
    default: true,
    evidence: 'confirmed',
  },
  {
    ...restUser,
    ...outboundMissed,
    id: 'user-out-missed',
    path: '/v2/user/out_missed',
    default: false,
    evidence: 'confirmed',
  },
  // REST v2, app id + secret: `/v2/…`, limit ≤ 20.
  { ...restApp, ...inboundAnswered, id: 'app-answered', path: '/v2/answered', default: true },
  { ...restApp, ...inboundMissed, id: 'app-missed', path: '/v2/missed', default: true },
  {
    ...restApp,
    ...outboundAnswered,
    id: 'app-out-answered',
    path: '/v2/out_answered',
    default: true,
  },
  { ...restApp, ...outboundMissed, id: 'app-out-missed', path: '/v2/out_missed', default: true },
  // PIOPIY, app id + secret (sent as `token`): `/v1/…`, limit ≤ 10, `total`, `_id`.
  {
    ...piopiyApp,
    ...inboundAnswered,
    id: 'piopiy-answered',
    path: '/v1/answered',
    default: true,
    evidence: 'inferred',
  },
  {
    ...piopiyApp,
    ...inboundMissed,
    id: 'piopiy-missed',
    path: '/v1/missed',
    default: true,
    evidence: 'confirmed',
  },
  {
    ...piopiyApp,
    ...outboundAnswered,
    id: 'piopiy-out-answered',
    path: '/v1/outanswered',
    default: true,
    evidence: 'inferred',
  },
  {
    ...piopiyApp,
    ...outboundMissed,
    id: 'piopiy-out-missed',
    path: '/v1/outmissed',
    default: true,
    evidence: 'confirmed',
  },
  // Voicemails are missed inbound calls that left a message; the shape is not published,
  // so the endpoint is asked only when chosen (`endpoints: { voicemail: 'piopiy-voicemail' }`).
  {
    ...piopiyApp,
    group: 'voicemail',
    direction: 'inbound',
    status: 'missed',
    id: 'piopiy-voicemail',
    path: '/v1/voicemail',
    default: false,
    evidence: 'inferred',
  },
  // PIOPIY, agent token: `/v1/agent…`.
  {
    ...piopiyAgent,
    ...inboundAnswered,
    id: 'agent-answered',
    path: '/v1/agentAnswered',
    default: true,
    evidence: 'inferred',
  },
  {
    ...piopiyAgent,
    ...outboundMissed,
    id: 'agent-out-missed',
    path: '/v1/agentOutMissed',
    default: true,
    evidence: 'confirmed',
  },
];

export const defaultTelecmiBaseUrls: Readonly<Record<TelecmiHost, string>> = {
  rest: 'https://rest.telecmi.com',
  piopiy: 'https://piopiy.telecmi.com',
};

/** The host a credential kind's endpoints live on. */
export function hostOf(kind: TelecmiCredentialKind): TelecmiHost {
  return kind.startsWith('rest-') ? 'rest' : 'piopiy';
}

/**
 * The endpoints a listing with this credential kind asks, one per group: the defaults,
 * with `choices` replacing a group's endpoint by another of the same group (by id), or
 * leaving the group out (`false`). Unknown ids are the caller's to check first.
 */
export function endpointsFor(
  kind: TelecmiCredentialKind,
  choices: Partial<Record<TelecmiEndpointGroup, string | false>> = {},
): readonly TelecmiEndpoint[] {
  const candidates = telecmiEndpoints.filter((endpoint) => endpoint.credentialKind === kind);
  const groups = [...new Set(candidates.map((endpoint) => endpoint.group))];
  return groups.flatMap((group) => {
    const choice = choices[group];
    if (choice === false) return [];
    const chosen =
      choice === undefined
        ? candidates.find((endpoint) => endpoint.group === group && endpoint.default)
        : candidates.find((endpoint) => endpoint.group === group && endpoint.id === choice);
    return chosen ? [chosen] : [];
  });
}
