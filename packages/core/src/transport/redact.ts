import { Secret } from './secret.js';

/** What a secret is replaced with wherever it would otherwise appear. */
export const REDACTED = '[REDACTED]';

// A base64 fragment shorter than this is too likely to occur by chance in other text.
const shortestBase64Fragment = 8;

function base64Fragments(secret: string, alphabet: 'base64' | 'base64url'): string[] {
  // The secret may sit at any byte offset of an encoded value (a Basic credential encodes
  // `user:secret`): for each of the three alignments, keep the characters that depend on
  // the secret's bytes alone. Character i covers bits [6i, 6i + 6).
  const bytes = Buffer.from(secret, 'utf8');
  const fragments: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString(alphabet);
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    const fragment = encoded.slice(first, end);
    if (fragment.length >= shortestBase64Fragment) fragments.push(fragment);
  }
  return fragments;
}

// A hex form shorter than this (a secret under 8 bytes) is too likely to occur by chance.
const shortestHexForm = 16;

/** Hex, either case: a secret echoed as bytes (a signature's input, a debug dump). */
function hexForms(secret: string): string[] {
  const hex = Buffer.from(secret, 'utf8').toString('hex');
  return hex.length < shortestHexForm ? [] : [hex, hex.toUpperCase()];
}

/**
 * The ways a secret can appear in text a server sends back or a URL holds: as written,
 * JSON-escaped (once, and twice for JSON quoted inside JSON), percent-encoded (either hex
 * case, `+` for spaces as forms write it), hex (either case), and base64/base64url at any
 * alignment (inside a Basic credential or any encoded blob).
 */
export function secretForms(secret: string): string[] {
  if (secret.length === 0) return [];
  const jsonEscaped = JSON.stringify(secret).slice(1, -1);
  const percent = encodeURIComponent(secret);
  const forms = new Set<string>([
    secret,
    jsonEscaped,
    JSON.stringify(jsonEscaped).slice(1, -1),
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (sequence) => sequence.toLowerCase()),
    new URLSearchParams({ s: secret }).toString().slice(2),
    ...hexForms(secret),
    ...base64Fragments(secret, 'base64'),
    ...base64Fragments(secret, 'base64url'),
  ]);
  return [...forms];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes a set of secrets, in every form `secretForms` lists, from text and from whole
 * values (a Call, a provider record). Built once per provider instance: the forms are
 * compiled into one regular expression.
 */
export class Redactor {
  #test: RegExp | undefined;
  #replace: RegExp | undefined;
  // Text shorter than every form cannot hold one: most strings of a call (statuses, numbers,
  // times) are, and skip the regular expression.
  #shortest: number = Number.POSITIVE_INFINITY;
  readonly #forms = new Set<string>();

  constructor(secrets: readonly (string | Secret)[]) {
    for (const secret of secrets) this.#addForms(secret);
    this.#compile();
  }

  /**
   * Adds a secret obtained at run time (a bearer token): from now on it is redacted as the
   * secrets given at creation are. Adding a secret already known changes nothing.
   */
  add(secret: string | Secret): void {
    if (this.#addForms(secret)) this.#compile();
  }

  #addForms(secret: string | Secret): boolean {
    let added = false;
    for (const form of secretForms(secret instanceof Secret ? secret.reveal() : secret)) {
      if (this.#forms.has(form)) continue;
      this.#forms.add(form);
      added = true;
    }
    return added;
  }

  #compile(): void {
    const forms = this.#forms;
    if (forms.size === 0) return;
    this.#shortest = Math.min(...[...forms].map((form) => form.length));
    // Longest first, so a form that contains another is replaced whole.
    const source = [...forms]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
    this.#test = new RegExp(source);
    this.#replace = new RegExp(source, 'g');
  }

  /** The text with every form of every secret replaced by `[REDACTED]`. */
  redact(text: string): string {
    if (text.length < this.#shortest || !this.#test?.test(text)) return text;
    return text.replace(this.#replace!, REDACTED);
  }

  /** Whether the text holds any form of a secret. */
  detects(text: string): boolean {
    return text.length >= this.#shortest && (this.#test?.test(text) ?? false);
  }

  /**
   * The value with every string in it (keys included, at any depth) redacted. Returns the
   * value itself when nothing needed redacting, else a copy of the parts that changed:
   * the input is never modified.
   */
  scrub<T>(value: T): T {
    if (!this.#test) return value;
    return this.#scrub(value) as T;
  }

  #scrub(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (typeof value !== 'object' || value === null || value instanceof Date) return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let index = 0; index < value.length; index++) {
        const item = value[index];
        const scrubbed = this.#scrub(item);
        if (scrubbed !== item) {
          copy ??= [...value];
          copy[index] = scrubbed;
        }
      }
      return copy ?? value;
    }
    let copy: Record<string, unknown> | undefined;
    const record = value as Record<string, unknown>;
    // `for…in` rather than `Object.keys`: every Call of a listing passes here, and the array
    // of keys was a fifth of what a listed call allocated (B3's heap profile).
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const item = record[key];
      const scrubbed = this.#scrub(item);
      const scrubbedKey = this.redact(key);
      if (scrubbed !== item || scrubbedKey !== key) {
        copy ??= { ...record };
        if (scrubbedKey !== key) delete copy[key];
        copy[scrubbedKey] = scrubbed;
      }
    }
    return copy ?? value;
  }
}

/**
 * Replaces every occurrence of each secret, in every form `secretForms` lists, with
 * `[REDACTED]`. For repeated use, build a {@link Redactor} once.
 */
export function redact(text: string, secrets: readonly (string | Secret)[]): string {
  return new Redactor(secrets).redact(text);
}
