import { describe, expect, test } from 'vitest';
import agentFixture from './__fixtures__/agent-out-missed.json' with { type: 'json' };
import appFixture from './__fixtures__/app-outmissed.json' with { type: 'json' };
import appV2Fixture from './__fixtures__/app-v2-answered.json' with { type: 'json' };
import piopiyFixture from './__fixtures__/piopiy-missed.json' with { type: 'json' };
import userMissedFixture from './__fixtures__/user-missed.json' with { type: 'json' };
import userOutFixture from './__fixtures__/user-out-cdr.json' with { type: 'json' };
import { checkTelecmiPage } from './check-telecmi-page.js';
import { telecmiPageSchema } from './telecmi-schemas.js';

const fixtures = [
  agentFixture,
  appFixture,
  appV2Fixture,
  piopiyFixture,
  userMissedFixture,
  userOutFixture,
];
const record = userOutFixture.cdr[0]!;
const pageOf = (...records: unknown[]) => ({ count: records.length, cdr: records });
const odd = [undefined, null, -1, 1.5, 2 ** 60, Number.NaN, '', 'x', '12', true, [], {}, ['x']];
const recordFields = [
  'cmiuid',
  '_id',
  'time',
  'from',
  'to',
  'agent',
  'duration',
  'billedsec',
  'rate',
  'filename',
  'record',
  'name',
  'region',
  'notes',
];
const note = { msg: 'call back', date: 1641787135771, agent: '101_2222223' };

// Every way a page can go wrong that the schema judges. The hand check may doubt a page the
// schema accepts (the schema then parses it), but must never accept a page it refuses.
const cases: [string, unknown][] = [
  ...fixtures.map((fixture, index): [string, unknown] => [`fixture ${index}`, fixture]),
  ['no records', pageOf()],
  ['a record with notes', pageOf({ ...record, notes: [note, { msg: 'x' }] })],
  ['an unknown field', pageOf({ ...record, extra: { a: 1 } })],
  ['no id at all', pageOf({ ...record, cmiuid: undefined })],
  ['both ids', pageOf({ ...record, _id: 'p1' })],
  ['a decimal rate as text', pageOf({ ...record, rate: ' -0.50 ' })],
  ['a rate that is no decimal', pageOf({ ...record, rate: '1e3' })],
  ['a boolean record flag', pageOf({ ...record, record: false })],
  ['null', null],
  ['an array', [record]],
  ['no cdr', { count: 1 }],
  ['cdr not an array', { cdr: record }],
  ['a record that is no object', pageOf('x')],
  ['a null record', pageOf(null)],
  ...odd.map((value): [string, unknown] => [
    `code ${String(value)}`,
    { ...pageOf(record), code: value },
  ]),
  ...odd.map((value): [string, unknown] => [
    `count ${String(value)}`,
    { ...pageOf(record), count: value },
  ]),
  ...odd.map((value): [string, unknown] => [
    `total ${String(value)}`,
    { ...pageOf(record), total: value },
  ]),
  ...recordFields.flatMap((field) =>
    odd.map((value): [string, unknown] => [
      `${field} ${JSON.stringify(value) ?? 'undefined'}`,
      pageOf({ ...record, [field]: value }),
    ]),
  ),
  ...['msg', 'date', 'agent'].flatMap((field) =>
    odd.map((value): [string, unknown] => [
      `note ${field} ${JSON.stringify(value) ?? 'undefined'}`,
      pageOf({ ...record, notes: [{ ...note, [field]: value }] }),
    ]),
  ),
];

describe('checkTelecmiPage, never more lenient than telecmiPageSchema', () => {
  test.each(cases)('%s', (_what, answer) => {
    const schema = telecmiPageSchema.safeParse(answer);
    const checked = checkTelecmiPage(answer);
    if (!schema.success) expect(checked).toBeUndefined();
    else if (checked !== undefined) {
      // The answer itself, not a copy, reads as the schema's output does.
      expect(checked).toBe(answer);
      expect(checked).toEqual(schema.data);
    }
  });

  test('accepts every fixture and the well-formed pages as they are', () => {
    for (const fixture of fixtures) expect(checkTelecmiPage(fixture)).toBe(fixture);
    const page = pageOf({ ...record, notes: [note] });
    expect(checkTelecmiPage(page)).toBe(page);
  });
});
