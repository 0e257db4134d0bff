import { expect, test } from 'vitest';
import { canonicalJson, jsonbOrder } from './canonical-json.ts';

test('keys in jsonb order at every depth; arrays and values as they were', () => {
  expect(canonicalJson({ zeta: 1, id: 'x', b: [{ cc: 1, a: 2 }], ab: null })).toBe(
    '{"b":[{"a":2,"cc":1}],"ab":null,"id":"x","zeta":1}',
  );
  // By bytes, not by UTF-16 units: "é" is two bytes, so it sorts after "z".
  expect(canonicalJson({ é: 1, z: 2 })).toBe('{"z":2,"é":1}');
  expect(JSON.parse(canonicalJson({ when: new Date(0) }))).toEqual({
    when: '1970-01-01T00:00:00.000Z',
  });
});

test("jsonb's order on ASCII keys agrees with comparing their bytes, on every pair of many keys", () => {
  const bytes = (a: string, b: string) =>
    Buffer.byteLength(a) - Buffer.byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b));
  const keys = [
    '',
    'a',
    'b',
    'A',
    'Z',
    '_',
    '0',
    'ab',
    'aB',
    'ba',
    'a0',
    'zz',
    '~',
    '~a',
    'é',
    'aé',
    '日本',
    '\u007f',
  ];
  for (const a of keys)
    for (const b of keys)
      expect(Math.sign(jsonbOrder(a, b)), `${a} ${b}`).toBe(Math.sign(bytes(a, b)));
  // Objects already in order are written as they are; others reordered at every depth.
  const record = { b: 1, ab: { zz: [{ y: 1, x: 2 }], a: true }, id: 'x' };
  expect(canonicalJson(record)).toBe('{"b":1,"ab":{"a":true,"zz":[{"x":2,"y":1}]},"id":"x"}');
});

test('the same text as a replacer sorting every object, on many random records', () => {
  // The reference: what canonicalJson was, a replacer reordering each object it sees.
  const reference = (value: unknown) =>
    JSON.stringify(value, (_key, item: unknown) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
      return Object.fromEntries(Object.entries(item).sort(([a], [b]) => jsonbOrder(a, b)));
    });
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const keys = ['a', 'bb', 'b', 'id', 'é', '10', '2', '__proto__', 'date_updated', 'Z', 'zz'];
  const value = (depth: number): unknown => {
    const pick = random();
    if (depth > 3 || pick < 0.3)
      return [1, 'x', null, true, undefined, new Date(0), -0.5][Math.floor(random() * 7)];
    if (pick < 0.5) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    return Object.fromEntries(
      keys.filter(() => random() < 0.4).map((key) => [key, value(depth + 1)]),
    );
  };
  for (let run = 0; run < 2000; run++) {
    const record = value(0);
    expect(canonicalJson(record)).toBe(reference(record));
  }
  // An object that needs nothing moved is not copied: its text is JSON.stringify's own.
  const ordered = { b: 1, id: 'x', raw: { a: [1, { z: 2 }] } };
  expect(canonicalJson(ordered)).toBe(JSON.stringify(ordered));
});

test('key lists that would read alike joined are told apart', () => {
  // One key holding a separator, then two keys around it: each gets its own order.
  expect(canonicalJson({ 'b\u0000a': 1 })).toBe('{"b\\u0000a":1}');
  expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  expect(canonicalJson({ 'b,a': 1 })).toBe('{"b,a":1}');
});
