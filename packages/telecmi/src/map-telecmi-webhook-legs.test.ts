import { createPhoneNormalizer } from '@cdr/core/provider-utils';
import { describe, expect, test } from 'vitest';
import incomingAnswered from './__fixtures__/webhook-incoming-answered.json' with { type: 'json' };
import incomingMissed from './__fixtures__/webhook-incoming-missed.json' with { type: 'json' };
import userMissed from './__fixtures__/webhook-incoming-user-missed.json' with { type: 'json' };
import indiaOutgoingAnswered from './__fixtures__/webhook-india-outgoing-answered.json' with {
  type: 'json',
};
import legA from './__fixtures__/webhook-outgoing-answered-leg-a.json' with { type: 'json' };
import legB from './__fixtures__/webhook-outgoing-answered-leg-b.json' with { type: 'json' };
import outgoingMissed from './__fixtures__/webhook-outgoing-missed.json' with { type: 'json' };
import { mapTelecmiWebhookLegs, telecmiLegRole } from './map-telecmi-webhook-legs.js';
import { readTelecmiWebhookLeg } from './read-telecmi-webhook-leg.js';

const leg = (payload: Record<string, unknown>) => readTelecmiWebhookLeg(payload);
const normalize = createPhoneNormalizer({ defaultRegion: 'IN' });

test.each([
  ['incoming answered, no leg', incomingAnswered, 'customer'],
  ['incoming missed, no leg', incomingMissed, 'customer'],
  ['incoming user missed, leg b', userMissed, 'attempt'],
  ['outgoing answered leg a', legA, 'user'],
  ['outgoing answered leg b', legB, 'customer'],
  ['outgoing missed leg a', outgoingMissed, 'customer'],
  ['India outgoing answered, no leg', indiaOutgoingAnswered, 'customer'],
])('the role of %s is %s', (_name, payload, role) => {
  expect(telecmiLegRole(leg(payload).payload)).toBe(role);
});

describe('the legs of one call', () => {
  test('give the same Call in either order: the customer leg is read first', () => {
    const forward = mapTelecmiWebhookLegs('call-1', [leg(legA), leg(legB)], normalize);
    const backward = mapTelecmiWebhookLegs('call-1', [leg(legB), leg(legA)], normalize);
    expect(forward).toEqual(backward);
    expect(forward.raw).toEqual({ webhookLegs: [legB, legA] });
    expect(forward.durations).toEqual({ talkSeconds: 6 });
  });

  test('an inbound call with a ring attempt: the attempt names no agent and sets no status', () => {
    const attempt = { ...userMissed, conversation_uuid: incomingMissed.conversation_uuid };
    const call = mapTelecmiWebhookLegs('call-2', [leg(attempt), leg(incomingMissed)], normalize);
    expect(call).toMatchObject({ status: 'missed', durations: { ringSeconds: 127 } });
    expect(call.agent).toBeUndefined();
  });
});
