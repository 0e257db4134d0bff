import { expect, test } from 'vitest';
import { baseUrlProblem, describeUrl } from './base-url.js';

test('describeUrl keeps scheme, host and path, never userinfo, query or fragment', () => {
  expect(describeUrl('ftp://user:SECRET@x.invalid/path/?token=SECRET#SECRET')).toBe(
    'ftp://x.invalid/path/',
  );
  expect(describeUrl('not a url SECRET')).toBe('(not a URL, 16 characters)');
  expect(describeUrl('mailto:SECRET@x.invalid')).toBe('mailto:…');
});

test.each([
  ['https://rest.telecmi.com', undefined],
  ['http://127.0.0.1:8080/base', undefined],
  ['http://localhost:1', undefined],
  ['http://rest.telecmi.com', /expected https/],
  ['ftp://x/?token=SECRET', /expected https/],
  ['https://user:SECRET@rest.telecmi.com', /cannot carry credentials/],
  ['https://rest.telecmi.com/?token=SECRET', /cannot carry a query string/],
  ['https://rest.telecmi.com/#SECRET', /cannot carry a fragment/],
  ['SECRET', /expected an http\(s\) URL/],
] as const)('%s', (url, problem) => {
  const found = baseUrlProblem(url);
  if (problem === undefined) expect(found).toBeUndefined();
  else {
    expect(found).toMatch(problem);
    expect(found).not.toContain('SECRET');
  }
});
