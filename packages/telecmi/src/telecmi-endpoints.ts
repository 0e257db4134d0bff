import type { CallDirection, CallStatus } from '@cdr/core';

/** The three ways to authenticate, each served by its own endpoint family. */
export type TelecmiCredentialKind = 'user' | 'app' | 'agent';

/** Which host an endpoint lives on: REST v2 (`rest.telecmi.com`) or PIOPIY (`piopiy.telecmi.com`). */
export type TelecmiHost = 'rest' | 'piopiy';

/**
 * One CDR endpoint, declared rather than coded: adding a sibling (`in_cdr`, `missed`,
 * `answered`, …, see NOTES.md) is one more entry in `telecmiEndpoints`.
 */
export interface TelecmiEndpoint {
  /** Unique key, also used by the simulator. */
  id: string;
  credentialKind: TelecmiCredentialKind;
  host: TelecmiHost;
  path: string;
  direction: CallDirection;
  status: CallStatus;
  /** Request fields fixed for this endpoint, e.g. out_cdr's `type: 1` for answered calls. */
  fixedParameters?: Readonly<Record<string, number | string>>;
  /** Names of the window parameters: REST v2 and the agent API use from/to, the app API start_date/end_date. */
  windowParameters: readonly [from: string, to: string];
  /** Which field holds the total. */
  totalField: 'count' | 'total';
  /** The largest `limit` the endpoint accepts. */
  maxPageSize: number;
}

/** out_cdr serves answered and missed calls alike, told apart by `type`. */
const userOutCdr = {
  credentialKind: 'user',
  host: 'rest',
  path: '/v2/user/out_cdr',
  direction: 'outbound',
  windowParameters: ['from', 'to'],
  totalField: 'count',
  maxPageSize: 10,
} as const;

export const telecmiEndpoints: readonly TelecmiEndpoint[] = [
  { ...userOutCdr, id: 'user-outgoing-answered', status: 'answered', fixedParameters: { type: 1 } },
  { ...userOutCdr, id: 'user-outgoing-missed', status: 'missed', fixedParameters: { type: 0 } },
  {
    id: 'app-outgoing-missed',
    credentialKind: 'app',
    host: 'piopiy',
    path: '/v1/outmissed',
    direction: 'outbound',
    status: 'missed',
    windowParameters: ['start_date', 'end_date'],
    totalField: 'total',
    maxPageSize: 10,
  },
  {
    id: 'agent-outgoing-missed',
    credentialKind: 'agent',
    host: 'piopiy',
    path: '/v1/agentOutMissed',
    direction: 'outbound',
    status: 'missed',
    windowParameters: ['from', 'to'],
    totalField: 'count',
    maxPageSize: 10,
  },
];

export const defaultTelecmiBaseUrls: Readonly<Record<TelecmiHost, string>> = {
  rest: 'https://rest.telecmi.com',
  piopiy: 'https://piopiy.telecmi.com',
};

/** The endpoints a credential kind can use, in the order a listing visits them. */
export function endpointsFor(kind: TelecmiCredentialKind): readonly TelecmiEndpoint[] {
  return telecmiEndpoints.filter((endpoint) => endpoint.credentialKind === kind);
}
