import { describe, expect, test } from 'vitest';
import {
  computePlivoV3Signature,
  plivoV3SignedUrl,
  validatePlivoV3Signature,
} from './plivo-signature.js';

// The V3 test vectors of Plivo's Go SDK (utils_test.go), reproduced by the Node and Python SDKs.
const token = 'Y2Q2ZDgxZmY5YWRiOTI5YmQ1Njg0MTAxZWIyOTc4';
const nonce = '31627761595286130198';
const params = {
  Direction: 'outbound',
  From: '19792014278',
  ALegUUID: '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36',
  CallStatus: 'in-progress',
  BillRate: '0.002',
  ParentAuthID: 'MANWVLYTK4ZWU1YTY4QA',
  To: 'sip:PlivoSignature382029104058171078704104@phone-qa.voice.plivodev.com',
  ALegRequestUUID: '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36',
  CallUUID: '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36',
  RequestUUID: '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36',
  'SIP-H-To': '<sip:PlivoSignature382029104058171078704104@52.9.11.55;transport=udp>;tag=1',
  SessionStart: '2020-04-08 11:34:33.238707',
  Event: 'StartApp',
};
const base = 'https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml';

describe('the SDKs’ V3 vectors', () => {
  test.each([
    ['POST', base, 'iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0='],
    ['POST', `${base}/?a=b&c=d`, 'k7Pusd4OxCIjR5IfA9iedDNu/h/gbdYqdzG/MiYtd1c='],
    ['GET', `${base}/?a=b&c=d`, 'UBq8jAtd32wR8EK9VgxbBn4n5rpI/l1H9iN4WfSEHFQ='],
    ['GET', base, 'i/MQsaQSAd6fiKhOh2qeeeLHZ9faldADSb3/7+Akfbc='],
  ])('%s %s', (method, url, signature) => {
    expect(computePlivoV3Signature(token, { method, url, nonce, params })).toBe(signature);
    expect(validatePlivoV3Signature(token, { method, url, nonce, params }, signature)).toBe(true);
  });

  test('the signed string of a POST, as the fact sheet spells it', () => {
    expect(plivoV3SignedUrl('POST', base, params)).toBe(
      `${base}?ALegRequestUUID3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36ALegUUID3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36BillRate0.002CallStatusin-progressCallUUID3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36DirectionoutboundEventStartAppFrom19792014278ParentAuthIDMANWVLYTK4ZWU1YTY4QARequestUUID3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36SIP-H-To<sip:PlivoSignature382029104058171078704104@52.9.11.55;transport=udp>;tag=1SessionStart2020-04-08 11:34:33.238707Tosip:PlivoSignature382029104058171078704104@phone-qa.voice.plivodev.com`,
    );
  });
});

describe('refusals', () => {
  const request = { method: 'POST', url: base, nonce, params };
  const good = 'iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0=';
  test('one of several signatures is enough', () => {
    expect(validatePlivoV3Signature(token, request, `bogus=,${good}`)).toBe(true);
    expect(validatePlivoV3Signature(token, request, `bogus=, ${good}`)).toBe(false);
  });
  test('a tampered parameter, another nonce, another token, no header, no nonce', () => {
    expect(
      validatePlivoV3Signature(token, { ...request, params: { ...params, From: '1' } }, good),
    ).toBe(false);
    expect(validatePlivoV3Signature(token, { ...request, nonce: '1' }, good)).toBe(false);
    expect(validatePlivoV3Signature(`${token}x`, request, good)).toBe(false);
    expect(validatePlivoV3Signature(token, request, undefined)).toBe(false);
    expect(validatePlivoV3Signature(token, { ...request, nonce: '' }, good)).toBe(false);
  });
});
