import { REDACTED } from './redact.js';

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * A credential that never prints itself: `String`, `JSON.stringify` and `util.inspect`
 * all give `[REDACTED]`. Only `reveal()` returns the value, at the moment a request is built.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspectSymbol](): string {
    return `Secret(${REDACTED})`;
  }
}
