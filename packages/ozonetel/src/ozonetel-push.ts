import type { PushRoutes } from '@cdr/core/provider-utils';
import {
  parseOzonetelCallback,
  readOzonetelCallbackPayload,
  verifyOzonetelCallback,
} from './ozonetel-callback.js';
import type { OzonetelSimulator } from './testing/ozonetel-simulator.js';

// The fields the mapping reads, to keep a printed test push short.
const testPushFields = [
  'monitorUCID',
  'Type',
  'Status',
  'DialStatus',
  'CallerID',
  'StartTime',
  'EndTime',
  'TimeToAnswer',
  'CallDuration',
  'Duration',
  'AgentID',
  'AgentName',
  'Apikey',
];

/**
 * Ozonetel's post-call pushes, one route per account: a form POST with the CDR as JSON in
 * `data` (or a JSON body), checked against the account's key — the only check Ozonetel
 * offers, compared in constant time — and mapped with the same code (and checks) as a lookup.
 */
export const ozonetelPush: PushRoutes<{ name: string; apiKey: string }> = {
  what: 'callbacks',
  route: 'account',
  check: "checked against the account's API key",
  handler: (account) => ({
    verify: (push) =>
      verifyOzonetelCallback(
        readOzonetelCallbackPayload(push.body, push.contentType),
        account.apiKey,
      )
        ? undefined
        : { status: 401, reason: 'the payload does not carry this account’s API key' },
    parse: (push) => [
      parseOzonetelCallback(readOzonetelCallbackPayload(push.body, push.contentType), {
        apiKey: account.apiKey,
      }),
    ],
  }),
  setup: () => 'Ozonetel pushes must carry the account’s API key (OZONETEL_API_KEY).',
  simulatedNote: (account) =>
    `Simulated account ${account.name}: pushes must carry the simulator's API key ${account.apiKey} (generated for this run, not a secret).`,
  testPush(server) {
    const simulator = server as OzonetelSimulator;
    // A call Ozonetel still keeps: older ones are not pushed.
    const call = simulator.calls().find((candidate) => simulator.storeOf(candidate) !== 'none');
    if (!call) return undefined;
    const record = Object.fromEntries(
      testPushFields
        .filter((field) => field in call.record)
        .map((field) => [field, call.record[field]]),
    );
    return { form: { data: JSON.stringify(record) } };
  },
};
