import { createPhoneNormalizer, parseResponse } from '@cdr/core/provider-utils';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mapTwilioCall } from './map-twilio-call.js';
import { mapTwilioStatusCallback } from './map-twilio-status-callback.js';
import { TwilioSimulator } from './testing/twilio-simulator.js';
import { twilioCallSchema } from './twilio-schemas.js';
import { parseTwilioStatusCallback } from './twilio-status-callback.js';

const phone = createPhoneNormalizer({ defaultRegion: 'US' });
const receivedAt = new Date('2026-11-24T06:30:00Z');
let simulator: TwilioSimulator;
beforeAll(async () => {
  simulator = await TwilioSimulator.start({ calls: 300, now: receivedAt.getTime() });
});
afterAll(() => simulator.stop());

const listed = (record: Record<string, unknown>) =>
  mapTwilioCall(
    parseResponse(twilioCallSchema, record, { provider: 'twilio', endpoint: 'test' }),
    phone,
    record,
  );
const pushed = (id: string, json = false) =>
  mapTwilioStatusCallback(
    parseTwilioStatusCallback(
      simulator.statusCallback(id, 'https://cdr.example.com/twilio', { json }),
      {
        authToken: simulator.authToken,
      },
    ),
    phone,
    { receivedAt },
  );

// What a callback can tell: everything but the price, the caller name and the numbers' SIDs.
const comparable = ({
  raw: _raw,
  cost: _cost,
  providerFields,
  ...call
}: ReturnType<typeof listed>) => ({
  ...call,
  providerFields: Object.fromEntries(
    Object.entries(providerFields ?? {}).filter(([name]) =>
      ['direction', 'status', 'parentCallSid', 'accountSid'].includes(name),
    ),
  ),
});

test('a final callback of each status, form or JSON, is the Call the listing gives, but for the price', () => {
  const finals = ['completed', 'busy', 'no-answer', 'canceled', 'failed'].map(
    (status) => simulator.calls().find((call) => call.record.status === status)!,
  );
  const child = simulator.calls().find((call) => call.record.parent_call_sid)!;
  for (const call of [...finals, child]) {
    expect(comparable(pushed(call.id)), String(call.record.status)).toEqual(
      comparable(listed(call.record)),
    );
    expect(comparable(pushed(call.id, true))).toEqual(comparable(listed(call.record)));
  }
});

test('a callback with no Timestamp is placed at its arrival; raw is the parameters as sent', () => {
  const call = simulator.calls().find((candidate) => candidate.record.status === 'busy')!;
  const callback = parseTwilioStatusCallback(
    simulator.statusCallback(call.id, 'https://cdr.example.com/twilio'),
    { authToken: simulator.authToken },
  );
  const mapped = mapTwilioStatusCallback({ ...callback, timestamp: undefined }, phone, {
    receivedAt,
  });
  expect(mapped.startedAt).toEqual(receivedAt);
  expect(mapped.endedAt).toBeUndefined();
  expect(mapped.raw).toEqual(callback.params);
  expect(JSON.stringify(mapped)).not.toContain(simulator.authToken);
});
