import { describe, expect, test } from 'vitest';
import listCalls from './__fixtures__/list-calls.json' with { type: 'json' };
import { checkTwilioCall } from './check-twilio-call.js';
import { twilioCallSchema } from './twilio-schemas.js';

const sample = listCalls.calls[0]!;
const textFields = Object.keys(twilioCallSchema.shape).filter(
  (field) => field !== 'sid' && field !== 'subresource_uris',
);
const odd = [0, 5, true, [], {}, ['x']];

// Every way a record can go wrong that the schema judges: the hand check must agree with
// it on each (a record the schema refuses is quarantined, never mapped).
const cases: [string, unknown][] = [
  ['the docs sample', sample],
  ['the other docs sample', listCalls.calls[1]],
  ['a bare SID', { sid: 'CA1' }],
  ['nulls everywhere', Object.fromEntries([['sid', 'CA1'], ...textFields.map((f) => [f, null])])],
  ['null subresource_uris', { ...sample, subresource_uris: null }],
  ['subresource_uris without recordings', { ...sample, subresource_uris: {} }],
  ['a null recordings URI', { ...sample, subresource_uris: { recordings: null } }],
  ['an unknown field of any type', { ...sample, extra: 5, annotation: { a: 1 } }],
  ['null', null],
  ['a string', 'CA1'],
  ['an array', [sample]],
  ['no SID', { ...sample, sid: undefined }],
  ['an empty SID', { ...sample, sid: '' }],
  ['a null SID', { ...sample, sid: null }],
  ['a numeric SID', { ...sample, sid: 7 }],
  ...odd.map((value): [string, unknown] => [
    `subresource_uris ${JSON.stringify(value)}`,
    { ...sample, subresource_uris: value },
  ]),
  ...odd.map((value): [string, unknown] => [
    `recordings ${JSON.stringify(value)}`,
    { ...sample, subresource_uris: { recordings: value } },
  ]),
  ...textFields.flatMap((field) =>
    odd.map((value): [string, unknown] => [
      `${field} ${JSON.stringify(value)}`,
      { ...sample, [field]: value },
    ]),
  ),
];

describe('checkTwilioCall, as strict as twilioCallSchema', () => {
  test.each(cases)('%s', (_what, record) => {
    const schema = twilioCallSchema.safeParse(record);
    const checked = checkTwilioCall(record);
    expect(checked.call !== undefined).toBe(schema.success);
    if (schema.success) {
      // The record itself, not a copy, reads as the schema's output does.
      expect(checked.call).toBe(record);
      // (The schema's copy of subresource_uris holds only the one URI it reads.)
      const { subresource_uris: uris, ...fields } = schema.data;
      expect(checked.call).toMatchObject(fields);
      expect(checked.call?.subresource_uris?.recordings).toBe(uris?.recordings);
    } else {
      expect(checked.issues?.map((issue) => issue.path).sort()).toEqual(
        schema.error.issues.map((issue) => issue.path.join('.')).sort(),
      );
    }
  });

  test('names every bad field of a record, not the first only', () => {
    expect(checkTwilioCall({ sid: '', from: 5, subresource_uris: { recordings: [] } })).toEqual({
      issues: [
        { path: 'sid', message: 'expected a non-empty string' },
        { path: 'from', message: 'expected a string or null, received number' },
        {
          path: 'subresource_uris.recordings',
          message: 'expected a string or null, received array',
        },
      ],
    });
  });
});
