// The workload of a TeleCMI (CHUB) user, as `cdr sync` meets it: one user token, calls of
// every kind, listed through the four endpoints that credential asks by default (in_cdr,
// missed, out_cdr answered, out_cdr missed). Several endpoints per credential is what a
// real user has, and what a one-endpoint workload would hide (their first pages, their
// partial last pages).
import type { Call, CallProvider } from '@cdr/core';
import { createTelecmi } from '@cdr/telecmi';
import { endpointsFor, type TelecmiEndpoint } from '@cdr/telecmi/api';
import { type SimulatedTelecmiCallKind, TelecmiSimulator } from '@cdr/telecmi/testing';

const dayMs = 86_400_000;

/** The account name `cdr sync` gives this credential: its cursor's key. */
export const userAccountName = 'telecmi:rest-user';

// In turn, so each endpoint serves a quarter of the calls.
const userKinds: readonly SimulatedTelecmiCallKind[] = [
  { account: 'rest-user', direction: 'inbound', status: 'answered' },
  { account: 'rest-user', direction: 'inbound', status: 'missed' },
  { account: 'rest-user', direction: 'outbound', status: 'answered' },
  { account: 'rest-user', direction: 'outbound', status: 'missed' },
];

export interface UserWorkload {
  simulator: TelecmiSimulator;
  /** The window holding every call: `from` inclusive, `to` exclusive (no call starts at `to`). */
  from: number;
  to: number;
  calls: number;
  /** The endpoints the user credential lists by default. */
  endpoints: readonly TelecmiEndpoint[];
  /** The provider as the CLI builds it for a user token: every default setting. */
  provider(settings?: { concurrency?: number }): CallProvider;
  stop(): Promise<void>;
}

/** Starts a simulator holding `calls` user calls, evenly spread over the `days` before its `now`. */
export async function startUserWorkload(options: {
  calls: number;
  days: number;
  latencyMs: number;
  seed: number;
}): Promise<UserWorkload> {
  const simulator = await TelecmiSimulator.start({
    calls: 0,
    seed: options.seed,
    latencyMs: options.latencyMs,
  });
  const to = simulator.dataSet.now;
  const span = options.days * dayMs;
  const from = to - span;
  for (let index = 0; index < options.calls; index++) {
    simulator.addCall(
      userKinds[index % userKinds.length]!,
      from + Math.floor(((index + 0.5) * span) / options.calls),
    );
  }
  return {
    simulator,
    from,
    to,
    calls: options.calls,
    endpoints: endpointsFor('rest-user'),
    provider: (settings = {}) =>
      createTelecmi({
        credentials: simulator.credentials['rest-user'],
        baseUrls: simulator.baseUrls,
        ...settings,
      }),
    stop: () => simulator.stop(),
  };
}

/** Lists the whole window with the client, as a consumer with no store would. */
export async function listAll(provider: CallProvider, from: number, to: number): Promise<Call[]> {
  const calls: Call[] = [];
  for await (const call of provider.listCalls({ from: new Date(from), to: new Date(to) }))
    calls.push(call);
  return calls;
}
