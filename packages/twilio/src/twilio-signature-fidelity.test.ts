import { parse as parseQuery } from 'node:querystring';
import twilio from 'twilio';
import { describe, expect, test } from 'vitest';
import { type TwilioWebhookCase, twilioWebhookCases } from './testing/twilio-webhook-cases.js';
import {
  validateTwilioSignature,
  validateTwilioSignatureWithBody,
} from './twilio-status-callback.js';

// Fidelity: our X-Twilio-Signature check against the official SDK's (twilio-node, pinned in
// the workspace catalog), on requests signed by the SDK's own signer. The SDK is what
// Twilio's customers run: a request it accepts and we refuse is a callback lost.

type Verdict = 'accepted' | 'refused' | 'sdk throws';

/** The SDK's verdict, as an Express app gets it: a form body parsed by `querystring` (`express.urlencoded`). */
function sdkVerdict(webhook: TwilioWebhookCase): Verdict {
  try {
    const valid =
      webhook.kind === 'form'
        ? twilio.validateRequest(
            webhook.authToken,
            webhook.signature,
            webhook.url,
            parseQuery(webhook.body),
          )
        : twilio.validateRequestWithBody(
            webhook.authToken,
            webhook.signature,
            webhook.url,
            webhook.body,
          );
    return valid ? 'accepted' : 'refused';
  } catch {
    // `new URL()` refuses the URL after no form as received matched (a deliberate
    // difference: we answer false, never throw; README "Status callbacks").
    return 'sdk throws';
  }
}

/** Ours, as `parseTwilioStatusCallback` calls it: a form body read by URLSearchParams. */
function ourVerdict(webhook: TwilioWebhookCase): Verdict {
  const valid =
    webhook.kind === 'form'
      ? validateTwilioSignature(
          webhook.authToken,
          webhook.signature,
          webhook.url,
          new URLSearchParams(webhook.body),
        )
      : validateTwilioSignatureWithBody(
          webhook.authToken,
          webhook.signature,
          webhook.url,
          webhook.body,
        );
  return valid ? 'accepted' : 'refused';
}

describe('X-Twilio-Signature agrees with the official SDK', () => {
  test('on every generated signed, tampered and differently-encoded request', {
    timeout: 60_000,
  }, () => {
    const cases = twilioWebhookCases((authToken, url, params) =>
      twilio.getExpectedTwilioSignature(authToken, url, params),
    );
    const counts: Record<Verdict, number> = { accepted: 0, refused: 0, 'sdk throws': 0 };
    const byKind = { form: { ...counts }, json: { ...counts } };
    const disagreements: string[] = [];
    for (const webhook of cases) {
      const sdk = sdkVerdict(webhook);
      const ours = ourVerdict(webhook);
      counts[sdk] += 1;
      byKind[webhook.kind][sdk] += 1;
      // A URL the SDK cannot parse is refused by us (it throws rather than answer).
      const agree = sdk === 'sdk throws' ? ours === 'refused' : sdk === ours;
      if (!agree) disagreements.push(`${webhook.label}: SDK ${sdk}, ours ${ours}`);
    }
    console.log(
      `twilio signature fidelity: ${cases.length} cases compared with twilio-node's validator ` +
        `(${counts.accepted} accepted, ${counts.refused} refused, ${counts['sdk throws']} where ` +
        `the SDK throws on the URL), ${disagreements.length} disagreements`,
    );
    expect(disagreements.slice(0, 20)).toEqual([]);
    expect(disagreements.length).toBe(0);
    // The set exercises both answers, for both body kinds.
    expect(byKind.form.accepted).toBeGreaterThan(500);
    expect(byKind.form.refused).toBeGreaterThan(500);
    expect(byKind.json.accepted).toBeGreaterThan(50);
    expect(byKind.json.refused).toBeGreaterThan(50);
    expect(counts['sdk throws']).toBeGreaterThan(0);
  });

  test('the three cases issue 25 named, each against the SDK', () => {
    const token = '12345';
    const params = { CallSid: 'CA1234567890ABCDE', CallStatus: 'completed' };
    const sign = (url: string, signed: Record<string, string> = params) =>
      twilio.getExpectedTwilioSignature(token, url, signed);
    // Credentials in the URL, signed with :443 after the host.
    const withCredentials = 'https://user:pass@example.com/hook';
    const signedWithPort = sign('https://user:pass@example.com:443/hook');
    expect(twilio.validateRequest(token, signedWithPort, withCredentials, params)).toBe(true);
    expect(validateTwilioSignature(token, signedWithPort, withCredentials, params)).toBe(true);
    // A non-default port, signed without it.
    const signedWithoutPort = sign('https://example.com/hook');
    const received = 'https://example.com:8443/hook';
    expect(twilio.validateRequest(token, signedWithoutPort, received, params)).toBe(true);
    expect(validateTwilioSignature(token, signedWithoutPort, received, params)).toBe(true);
    // An upper-case bodySHA256, signed correctly over the URL: the SDK refuses the hash.
    const body = '{"CallSid":"CA1234567890ABCDE"}';
    const upper = `https://example.com/hook?bodySHA256=${twilio.getExpectedBodyHash(body).toUpperCase()}`;
    const signedUpper = sign(upper, {});
    expect(twilio.validateRequestWithBody(token, signedUpper, upper, body)).toBe(false);
    expect(validateTwilioSignatureWithBody(token, signedUpper, upper, body)).toBe(false);
  });
});
