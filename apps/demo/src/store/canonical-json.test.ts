import { expect, test } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

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
