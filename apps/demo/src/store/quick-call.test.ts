import { type Call, parseCall } from '@cdr/core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { providerDescriptors } from '../accounts/provider-registry.ts';
import { quickCall } from './quick-call.ts';

/** A Call as the store keeps it: through JSON, instants as text. */
const asStored = (call: unknown): unknown => JSON.parse(JSON.stringify(call));

/** Whether the reader agrees with the schema: what it accepts, the schema gives the same. */
function agrees(json: unknown): 'quick' | 'schema' {
  const quick = quickCall(json);
  if (quick === undefined) return 'schema';
  const schema = parseCall(json);
  // Same keys in the same order (what `calls --json` prints), same values, Dates as Dates.
  expect(JSON.stringify(quick)).toBe(JSON.stringify(schema));
  expect(quick).toStrictEqual(schema);
  return 'quick';
}

const now = new Date('2026-11-24T06:30:00Z');
const listed: Call[] = [];
const stops: (() => Promise<void>)[] = [];
beforeAll(async () => {
  // A day of every provider's simulated calls, as the store would get them from a sync.
  for (const descriptor of providerDescriptors) {
    const simulation = await descriptor.simulate({ now: () => now, calls: 60 });
    stops.push(() => simulation.stop());
    for (const account of simulation.accounts) {
      const provider = account.create({ now: () => now });
      const window = { from: new Date(now.getTime() - 3 * 86_400_000), to: now };
      if (provider.capabilities.listCalls)
        for await (const call of provider.listCalls(window)) listed.push(call);
      await provider.close?.();
    }
  }
}, 120_000);
afterAll(async () => {
  await Promise.all(stops.map((stop) => stop()));
});

test("every provider's calls, as stored, are read at once and equal to the schema's", () => {
  const providers = new Set(listed.map((call) => call.provider));
  expect(providers.size).toBe(providerDescriptors.length);
  for (const call of listed) expect(agrees(asStored(call))).toBe('quick');
});

/** A Call with every optional field, for breaking one at a time. */
const full = asStored({
  id: 'c-1',
  provider: 'example',
  direction: 'inbound',
  status: 'answered',
  from: { kind: 'phone', raw: '09876543210', phoneNumber: '+919876543210', name: 'A' },
  to: { kind: 'identifier', raw: 'agent-7' },
  startedAt: new Date('2026-11-20T10:00:00.123Z'),
  endedAt: new Date('2026-11-20T10:05:00Z'),
  durations: { totalSeconds: 300, billedSeconds: 300, talkSeconds: 280, ringSeconds: 20 },
  cost: { amount: 1.5, currency: 'INR' },
  recording: { url: 'https://r.example/1.mp3', fileName: '1.mp3' },
  agent: { id: '7', name: 'Asha', phone: { kind: 'phone', raw: '+911234567890' } },
  notes: [{ text: 'called back', createdAt: new Date('2026-11-20T11:00:00Z'), author: '7' }],
  country: 'IN',
  region: 'KA',
  providerFields: { campaign: 'x' },
  raw: { anything: [1, null, 'two'] },
}) as Record<string, unknown>;

/** Every path to a value in `value`, objects and arrays included. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [at];
  const own = Object.entries(value).flatMap(([key, inner]) =>
    paths(inner, [...at, Array.isArray(value) ? Number(key) : key]),
  );
  return [...(at.length > 0 ? [at] : []), ...own];
}

function withValue(path: (string | number)[], value: unknown, remove = false): unknown {
  const copy = structuredClone(full);
  let target = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove) delete target[last];
  else target[last] = value;
  return copy;
}

const breakers: readonly unknown[] = [
  null,
  0,
  -1,
  1.5,
  '',
  'x',
  'INR',
  'inbound',
  'phone',
  'IN',
  'IND',
  [],
  {},
  true,
  '2026-02-30T00:00:00.000Z',
  '2026-11-20T10:00:00Z',
  '2026-11-20T10:00:00.000+05:30',
  '2026-11-20T10:00:00.000Z',
];

test('the full Call is read at once', () => {
  expect(agrees(full)).toBe('quick');
});

test('with any field broken, removed or added to, the reader accepts only what the schema gives alike', () => {
  let quick = 0;
  let schema = 0;
  for (const path of paths(full)) {
    const variants = [
      withValue(path, undefined, true),
      ...breakers.map((value) => withValue(path, value)),
    ];
    for (const variant of variants) {
      let outcome: 'quick' | 'schema';
      try {
        outcome = agrees(variant);
      } catch (error) {
        // The schema refused what the reader accepted: the reader must never.
        throw new Error(`accepted what the schema refuses at ${path.join('.')}: ${error}`);
      }
      if (outcome === 'quick') quick++;
      else schema++;
    }
  }
  // A key the model lacks, at every level: left to the schema (which drops it).
  for (const path of [[], ...paths(full)]) {
    const variant = structuredClone(full);
    let target: unknown = variant;
    for (const key of path) target = (target as Record<string | number, unknown>)[key];
    if (typeof target !== 'object' || target === null || Array.isArray(target)) continue;
    (target as Record<string, unknown>).extra = 'x';
    const inside = path[0];
    // Inside `raw` (anything goes) and `providerFields` (any name) a new key is a value.
    if (inside === 'raw' || inside === 'providerFields') agrees(variant);
    else expect(quickCall(variant), path.join('.')).toBeUndefined();
  }
  // Both branches were taken many times: the test breaks fields, not only the shape.
  expect(quick).toBeGreaterThan(50);
  expect(schema).toBeGreaterThan(200);
});

test('a stored call without raw, or with null in an optional field, is left to the schema', () => {
  const { raw: _raw, ...withoutRaw } = full;
  expect(quickCall(withoutRaw)).toBeUndefined();
  expect(quickCall({ ...full, region: null })).toBeUndefined();
  expect(quickCall(null)).toBeUndefined();
  expect(quickCall([full])).toBeUndefined();
});
