import { createRequire } from 'node:module';
import { seededRandom } from '@cdr/core/testing';
import { expect, test } from 'vitest';
import {
  computePlivoV3Signature,
  type PlivoParams,
  validatePlivoV3Signature,
} from './plivo-signature.js';

// Fidelity: our V3 validator against the official Node SDK's (`plivo.validateV3Signature`)
// on a generated set of signed, tampered and differently encoded requests.

const require = createRequire(import.meta.url);
const sdk = require('plivo') as {
  validateV3Signature(
    method: string,
    uri: string,
    nonce: string,
    authToken: string,
    signature: string,
    params?: Record<string, string | string[]>,
  ): boolean;
};

const urls = [
  'https://cdr.example.com/plivo',
  'https://cdr.example.com/plivo/',
  'https://cdr.example.com/plivo?a=b&c=d',
  'https://cdr.example.com/plivo/?c=d&a=b&a=a',
  'https://cdr.example.com:8443/plivo',
  'https://cdr.example.com:443/plivo',
  'http://127.0.0.1:3000/plivo/acme?x=1',
  'https://cdr.example.com/plivo?note=a%20b',
  'https://cdr.example.com/plivo?note=a+b',
  'https://cdr.example.com/plivo?flag',
  'https://CDR.example.com/Plivo',
  'https://user:secret@cdr.example.com/plivo',
  'https://cdr.example.com/plivo?city=Zo%C3%AB',
];
const forms: Record<string, string | string[]>[] = [
  {},
  { CallUUID: '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36', CallStatus: 'completed', Duration: '12' },
  { From: '+14155550100', To: 'sip:alice@phone.plivo.com', Event: 'Hangup' },
  { Note: 'a b&c=d', Empty: '', Tag: ['b', 'a'] },
  { Name: 'Zoë', City: 'Saint-Étienne' },
];

interface Case {
  name: string;
  method: 'GET' | 'POST';
  url: string;
  nonce: string;
  params: PlivoParams;
  header: string;
}

function cases(): Case[] {
  const random = seededRandom(25);
  const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw';
  const all: Case[] = [];
  for (const method of ['POST', 'GET'] as const)
    for (const url of urls)
      for (const params of forms) {
        const nonce = String(Math.floor(random() * 1e15));
        const sign = (request: Omit<Case, 'name' | 'header' | 'method'>) =>
          computePlivoV3Signature(token, { method, ...request });
        const good = sign({ url, nonce, params });
        const base = { method, url, nonce, params };
        all.push({ name: 'signed', ...base, header: good });
        all.push({ name: 'one of two', ...base, header: `AAAA,${good}` });
        all.push({ name: 'one of two, with a space', ...base, header: `AAAA, ${good}` });
        all.push({ name: 'another nonce', ...base, nonce: `${nonce}1`, header: good });
        all.push({
          name: 'another token',
          ...base,
          header: computePlivoV3Signature(`${token}x`, { ...base }),
        });
        all.push({
          name: 'a tampered form',
          ...base,
          params: { ...params, Extra: '1' },
          header: good,
        });
        all.push({
          name: 'another path',
          ...base,
          url: url.replace('/plivo', '/plivo2'),
          header: good,
        });
        all.push({ name: 'lower-cased', ...base, header: good.toLowerCase() });
        all.push({ name: 'empty', ...base, header: '' });
      }
  return all.map((entry) => ({ ...entry, token }) as Case & { token: string });
}

test('our V3 validator and the official SDK’s agree on every generated request', () => {
  let agreed = 0;
  const differences: string[] = [];
  for (const entry of cases() as (Case & { token: string })[]) {
    const ours = validatePlivoV3Signature(entry.token, entry, entry.header);
    const theirs = sdk.validateV3Signature(
      entry.method,
      entry.url,
      entry.nonce,
      entry.token,
      entry.header,
      Object.fromEntries(
        Object.entries(entry.params).map(([name, value]) => [
          name,
          typeof value === 'string' ? value : [...value],
        ]),
      ),
    );
    if (ours === theirs) agreed++;
    else
      differences.push(
        `${entry.method} ${entry.url} ${JSON.stringify(entry.params)} ${entry.name}: ours ${ours}, SDK ${theirs}`,
      );
  }
  console.log(`plivo signature fidelity: ${agreed} cases agreed, ${differences.length} differ`);
  expect(differences).toEqual([]);
});
