import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CallParty } from './call.js';
import { GenerationalMap } from './generational-map.js';

export type { CountryCode } from 'libphonenumber-js';

export interface PhoneNormalizerOptions {
  /** Region assumed for numbers written without a country code. Default `IN`. */
  defaultRegion?: CountryCode;
  /** How many distinct raw values to remember at least (up to twice as many); the same numbers recur on every page. Default 10,000. */
  cacheSize?: number;
}

/** Turns a provider's raw party value (string or JSON number) into a {@link CallParty}. */
export type PhoneNormalizer = (raw: string | number, name?: string) => CallParty;

// Digits with the punctuation people write numbers with. Anything else (letters, `_`, `@`)
// is an identifier such as an agent id `103_1111113` or a SIP user, never a phone number.
const phoneLikePattern = /^\+?[\d\s().-]+$/;

// Indian mobile numbers (ten digits from 6 to 9) are most of what these providers send, and
// their E.164 form is fixed: +91 and the ten digits. Recognizing them here skips the general
// parser, which costs more than the rest of a record's mapping; phone.test.ts checks that the
// shortcut agrees with libphonenumber on every form it accepts.
const indianMobilePattern = /^(\+91|0091|91|0)?([6-9]\d{9})$/;

function indianMobileE164(digits: string, defaultRegion: CountryCode): string | undefined {
  const match = indianMobilePattern.exec(digits);
  if (!match) return undefined;
  const prefix = match[1];
  // Without a `+`, a number is Indian only where India is the default region.
  if (prefix !== '+91' && prefix !== '0091' && defaultRegion !== 'IN') return undefined;
  return `+91${match[2]}`;
}

// North American numbers in E.164 (`+1`, then ten digits whose area code and exchange start
// with 2 to 9) are most of what Twilio sends, and the general parser is at its slowest on
// them: +1 is shared by some twenty countries, which it tries one by one. Every such number
// is a possible one whichever the country, so it is its own E.164 form; phone.test.ts checks
// the shortcut against libphonenumber. Without the `+` a number stays on the general path.
const northAmericanPattern = /^(?:\+1|001)([2-9]\d{2}[2-9]\d{6})$/;

function northAmericanE164(digits: string): string | undefined {
  const match = northAmericanPattern.exec(digits);
  return match ? `+1${match[1]}` : undefined;
}

/** The general path: libphonenumber, national first, then as an international number that lost its `+`. */
export function parseToE164(raw: string, defaultRegion: CountryCode): string | undefined {
  const digits = raw.replace(/[^\d+]/g, '');
  if (digits.startsWith('+') || digits.startsWith('00')) {
    const parsed = parsePhoneNumberFromString(
      digits.startsWith('00') ? `+${digits.slice(2)}` : digits,
    );
    return parsed?.isPossible() ? parsed.number : undefined;
  }
  const national = parsePhoneNumberFromString(digits, defaultRegion);
  if (national?.isValid()) return national.number;
  // Providers often drop the `+` from international numbers: `442000000000` is +44…
  const international = parsePhoneNumberFromString(`+${digits}`);
  if (international?.isValid()) return international.number;
  if (national?.isPossible()) return national.number;
  return undefined;
}

/**
 * Creates a cached normalizer: phone numbers become E.164 when they parse (the raw value
 * is always kept); identifiers stay identifiers.
 */
export function createPhoneNormalizer(options: PhoneNormalizerOptions = {}): PhoneNormalizer {
  const defaultRegion = options.defaultRegion ?? 'IN';
  const cacheSize = options.cacheSize ?? 10_000;
  const cache = new GenerationalMap<string, CallParty>(cacheSize);

  return (rawValue, name) => {
    const raw = typeof rawValue === 'number' ? String(rawValue) : rawValue.trim();
    let party = cache.get(raw);
    if (!party) {
      if (phoneLikePattern.test(raw)) {
        const digits = raw.replace(/[^\d+]/g, '');
        const phoneNumber =
          indianMobileE164(digits, defaultRegion) ??
          northAmericanE164(digits) ??
          parseToE164(raw, defaultRegion);
        party = phoneNumber ? { kind: 'phone', raw, phoneNumber } : { kind: 'phone', raw };
      } else {
        party = { kind: 'identifier', raw };
      }
      cache.set(raw, party);
    }
    return name === undefined ? { ...party } : { ...party, name };
  };
}
