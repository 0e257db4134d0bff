import { expect, test } from 'vitest';
import { REDACTED, Redactor, redact, secretForms } from './redact.js';
import { Secret } from './secret.js';

const secret = 'tok"en\\with/odd chars+é';

test('redacts a secret as written, JSON-escaped, percent-encoded and form-encoded', () => {
  const views = [
    `token=${secret}`,
    JSON.stringify({ echoed: secret }),
    JSON.stringify({ body: JSON.stringify({ echoed: secret }) }),
    `https://x.invalid/?token=${encodeURIComponent(secret)}`,
    `https://x.invalid/?token=${encodeURIComponent(secret).toLowerCase()}`,
    new URLSearchParams({ token: secret }).toString(),
  ];
  for (const view of views) {
    const redacted = redact(view, [secret]);
    expect(redacted, view).toContain(REDACTED);
    for (const form of secretForms(secret)) expect(redacted, view).not.toContain(form);
  }
});

test('redacts a secret inside a Basic credential and in base64 at any alignment', () => {
  const key = 'KK9f3c1e0a7b2d4c6e8f0a1b3c5d7e9f1';
  for (const user of ['a', 'ab', 'abc', 'acme_cloudagent']) {
    const basic = Buffer.from(`${user}:${key}`).toString('base64');
    expect(redact(`Authorization: Basic ${basic}`, [key]), user).toContain(REDACTED);
    const url = Buffer.from(`${user}:${key}`).toString('base64url');
    expect(redact(url, [new Secret(key)]), user).toContain(REDACTED);
  }
});

test('leaves other text alone, and short secrets only as written', () => {
  expect(redact('nothing to see', ['s3cr3t-value'])).toBe('nothing to see');
  expect(redact('nothing', [''])).toBe('nothing');
  // A 3-character secret has no base64 form long enough to look for.
  expect(secretForms('abc')).toEqual(['abc']);
});

test('scrub redacts every string of a value, keys included, and copies only what changed', () => {
  const redactor = new Redactor(['SECRET-123456']);
  const untouched = { id: 'a', nested: [{ text: 'fine' }], when: new Date(0) };
  expect(redactor.scrub(untouched)).toBe(untouched);
  const value = {
    id: 'a',
    to: { name: 'SECRET-123456' },
    notes: [{ text: 'call me: SECRET-123456' }, { text: 'fine' }],
    raw: { 'SECRET-123456': 1, url: `https://x.invalid/r.mp3?key=SECRET-123456` },
    when: new Date(0),
  };
  const scrubbed = redactor.scrub(value);
  expect(JSON.stringify(scrubbed)).not.toContain('SECRET-123456');
  expect(scrubbed.notes[0]!.text).toBe(`call me: ${REDACTED}`);
  expect(scrubbed.notes[1]).toBe(value.notes[1]);
  expect(scrubbed.when).toBe(value.when);
  expect(value.to.name).toBe('SECRET-123456');
  expect(redactor.detects('x SECRET-123456 y')).toBe(true);
  expect(new Redactor([]).scrub(value)).toBe(value);
});

test('finds every form in text exactly as long as the form, the shortest included', () => {
  const key = 'KK9f3c1e0a7b2d4c6e8f0a1b3c5d7e9f1';
  const redactor = new Redactor([key, 'abc']);
  for (const form of [...secretForms(key), 'abc']) {
    expect(redactor.detects(form), form).toBe(true);
    expect(redactor.redact(form), form).toBe(REDACTED);
  }
  expect(redactor.redact('ab')).toBe('ab');
});

test('redacts a secret written as hex, either case', () => {
  const key = 'KK9f3c1e0a7b2d4c';
  const hex = Buffer.from(key).toString('hex');
  expect(redact(`dump=${hex}`, [key])).toBe(`dump=${REDACTED}`);
  expect(redact(`DUMP=${hex.toUpperCase()}`, [key])).toBe(`DUMP=${REDACTED}`);
});

test('a secret added at run time is redacted from then on, in every form', () => {
  const redactor = new Redactor(['configured-key-1']);
  const token = 'eyJhbGciOiJIUzI1NiJ9.run-time-token';
  const echoed = { raw: { token, hex: Buffer.from(token).toString('hex') } };
  expect(redactor.scrub(echoed)).toBe(echoed);
  redactor.add(token);
  redactor.add(token);
  expect(JSON.stringify(redactor.scrub(echoed))).not.toMatch(/run-time|72756e2d74696d65/);
  expect(redactor.redact('configured-key-1')).toBe(REDACTED);
  // A redactor built with no secret learns one too.
  const empty = new Redactor([]);
  empty.add(new Secret(token));
  expect(empty.detects(`Bearer ${token}`)).toBe(true);
});
