// The official Node SDK (`telnyx`, pinned in the workspace catalog) against our simulator:
// if the SDK and our client read the simulator alike, a misreading of the fact sheet would
// have to be shared by Telnyx's own generated client to go unseen.
import type { Call } from '@cdr/core';
import { createPhoneNormalizer } from '@cdr/core/provider-utils';
import Telnyx from 'telnyx';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mapTelnyxCall } from './map-telnyx-call.js';
import { createTelnyx, telnyxVoiceRecordTypes } from './telnyx-provider.js';
import { telnyxRecordSchema } from './telnyx-schemas.js';
import { TelnyxSimulator } from './testing/telnyx-simulator.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
const window = { from: new Date(testNow - 2 * 86_400_000), to: new Date(testNow - 3_600_000) };
let simulator: TelnyxSimulator;
beforeAll(async () => {
  simulator = await TelnyxSimulator.start({ calls: 900, now: testNow, rateLimit: false });
});
afterAll(() => simulator.stop());

// The SDK's base URL includes `/v2`; it appends `/detail_records` (client.js `buildURL`).
const sdk = (apiKey = simulator.apiKey) =>
  new Telnyx({ apiKey, baseURL: `${simulator.url}/v2`, maxRetries: 0 });

describe('the official SDK (telnyx) lists what our client lists', () => {
  test('same calls, same records, same mapped fields, every voice record type', async () => {
    const ours = new Map<string, Call>();
    const provider = createTelnyx({
      apiKey: simulator.apiKey,
      baseUrl: simulator.url,
      rateLimit: false,
    });
    for await (const call of provider.listCalls(window)) ours.set(call.id, call);

    const normalize = createPhoneNormalizer({ defaultRegion: 'US' });
    const theirs = new Map<string, unknown>();
    let pages = 0;
    for (const recordType of telnyxVoiceRecordTypes) {
      // As our client asks: [gte] inclusive, [lt] exclusive, whole seconds.
      let page = await sdk().detailRecords.list({
        filter: {
          record_type: recordType,
          started_at: {
            gte: window.from.toISOString().replace('.000Z', 'Z'),
            lt: new Date(window.to.getTime() + 1000).toISOString().replace('.000Z', 'Z'),
          },
        },
        'page[size]': 50,
        sort: ['started_at'],
      });
      for (;;) {
        pages++;
        for (const record of page.getPaginatedItems()) {
          const id = (record as unknown as { id: string }).id;
          expect(theirs.has(id), `the SDK listed ${id} twice`).toBe(false);
          theirs.set(id, record);
        }
        if (!page.hasNextPage()) break;
        page = await page.getNextPage();
      }
    }

    expect([...theirs.keys()].sort()).toEqual([...ours.keys()].sort());
    expect(theirs.size).toBe(simulator.calls(window).length);
    for (const [id, record] of theirs) {
      const call = ours.get(id)!;
      expect(call.raw).toEqual(record);
      expect(mapTelnyxCall(telnyxRecordSchema.parse(record), normalize, record)).toEqual(call);
    }
    console.info(
      `telnyx SDK fidelity: ${theirs.size} calls compared field by field over ${pages} SDK pages`,
    );
  }, 30_000);

  test("the SDK takes our simulator's error bodies as the errors it expects", async () => {
    const cases: [string, () => Promise<unknown>, new (...args: never[]) => Error, number][] = [
      [
        'a wrong API key',
        () => sdk('KEYwrong').detailRecords.list({ filter: { record_type: 'webrtc' } }),
        Telnyx.AuthenticationError,
        401,
      ],
      [
        'a record type the account lacks',
        () => sdk().detailRecords.list({ filter: { record_type: 'fax' } }),
        Telnyx.BadRequestError,
        400,
      ],
      [
        'a page size over 50',
        () => sdk().detailRecords.list({ filter: { record_type: 'webrtc' }, 'page[size]': 51 }),
        Telnyx.UnprocessableEntityError,
        422,
      ],
      ['a path that does not exist', () => sdk().get('/nothing_here'), Telnyx.NotFoundError, 404],
    ];
    for (const [what, request, kind, status] of cases) {
      const error = await request().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error, what).toBeInstanceOf(kind);
      const apiError = error as InstanceType<typeof Telnyx.APIError>;
      expect(apiError.status, what).toBe(status);
      expect(apiError.error, what).toMatchObject({
        errors: [expect.objectContaining({ code: expect.stringMatching(/^\d+$/) })],
      });
    }
    simulator.injectFault('rate-limited');
    const limited = await sdk()
      .detailRecords.list({ filter: { record_type: 'webrtc' } })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(limited).toBeInstanceOf(Telnyx.RateLimitError);
    expect((limited as InstanceType<typeof Telnyx.APIError>).error).toEqual({
      errors: [
        {
          code: '10011',
          title: 'Too many requests',
          detail: 'You have exceeded the maximum number of allowed requests.',
        },
      ],
    });
    console.info(`telnyx SDK fidelity: ${cases.length + 1} error answers compared`);
  });
});
