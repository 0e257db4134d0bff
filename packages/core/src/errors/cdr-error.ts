/** The codes core's own errors carry: one per kind of failure, safe to switch on. */
export type CoreErrorCode =
  | 'authentication'
  | 'credential_expired'
  | 'invalid_request'
  | 'not_found'
  | 'rate_limited'
  | 'provider_error'
  | 'network'
  | 'timeout'
  | 'malformed_response'
  | 'response_too_large'
  | 'response_validation'
  | 'unsupported';

/**
 * A stable machine-readable code. Core's codes are listed in {@link CoreErrorCode}; a
 * provider package may add its own (Ozonetel's `not_available_yet`) with its own error
 * class, never by reusing another class's code.
 */
export type CdrErrorCode = CoreErrorCode | (string & {});

export interface CdrErrorOptions {
  message: string;
  /** The provider family that failed, e.g. `telecmi`. */
  provider?: string | undefined;
  /**
   * The provider instance (account) that failed, as named in the client: `telecmi:rest-user`, or
   * the name the user gave. Tells apart two accounts of one provider.
   */
  instance?: string | undefined;
  /** The endpoint that failed, e.g. `POST /v2/user/out_cdr` (never a query string: it may hold secrets). */
  endpoint?: string | undefined;
  cause?: unknown;
}

/**
 * The marker of an error class: `Symbol.for('@cdr/core.error.<Name>')` for core's classes,
 * `Symbol.for('@cdr/<package>.error.<Name>')` for a provider's. `Symbol.for` gives the same
 * symbol in every copy of a package, so the marker identifies the class across copies.
 */
export function errorMarker(scope: string, name: string): symbol {
  return Symbol.for(`${scope}.error.${name}`);
}

/** What a class needs to be checked by marker: the marker its instances carry. */
interface MarkedClass {
  readonly marker: symbol;
}

/** An error class as `instanceof` sees it: a constructor with a marker. */
type MarkedConstructor = MarkedClass & (abstract new (...args: never) => unknown);

function hasMarker(value: unknown, marker: symbol): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[marker] === true
  );
}

/**
 * Whether `value` is an instance of `errorClass`, from this copy of the package or another.
 * A class that declares no marker of its own is checked by prototype only: its parent's
 * marker would also match the parent's other instances.
 */
function isInstanceOf(errorClass: MarkedConstructor, value: unknown): boolean {
  if (Function.prototype[Symbol.hasInstance].call(errorClass, value)) return true;
  return Object.hasOwn(errorClass, 'marker') && hasMarker(value, errorClass.marker);
}

/**
 * The base of every error cdr throws.
 *
 * Each class has its own marker (`static marker`), and every instance carries the markers
 * of its class and of each class above it. `instanceof` and `isInstance` check the marker,
 * not the prototype alone, so they hold for an error thrown by a second copy of
 * `@cdr/core` (two provider packages each bringing one, a bundler duplicating it) — and,
 * unlike a check by `code`, a class never matches errors of a sibling class that happens
 * to share a code.
 */
export abstract class CdrError extends Error {
  static readonly marker: symbol = errorMarker('@cdr/core', 'CdrError');
  abstract readonly code: CdrErrorCode;
  /** Whether sending the same request again may succeed. */
  abstract readonly retryable: boolean;
  readonly provider: string | undefined;
  readonly instance: string | undefined;
  readonly endpoint: string | undefined;

  constructor({ message, provider, instance, endpoint, cause }: CdrErrorOptions) {
    super(
      prefix(instance ?? provider, endpoint) + message,
      cause === undefined ? undefined : { cause },
    );
    this.provider = provider;
    this.instance = instance;
    this.endpoint = endpoint;
    // Mark the instance with every class of its chain, from its own up to CdrError. The
    // markers are not enumerable: they stay out of JSON and of `{ ...error }`.
    for (
      let errorClass: unknown = new.target;
      typeof errorClass === 'function' && errorClass !== Error;
      errorClass = Object.getPrototypeOf(errorClass)
    ) {
      if (Object.hasOwn(errorClass, 'marker'))
        Object.defineProperty(this, (errorClass as unknown as MarkedClass).marker, { value: true });
    }
  }

  /**
   * Whether `value` is an error of this class or a subclass, from this copy of the package
   * or another: `RateLimitedError.isInstance(error)` narrows `error` to `RateLimitedError`.
   */
  static isInstance<Instance>(
    this: MarkedClass & { prototype: Instance },
    value: unknown,
  ): value is Instance {
    // biome-ignore lint/complexity/noThisInStatic: the class it is called on, a subclass included
    return isInstanceOf(this as unknown as MarkedConstructor, value);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: the class on the right of `instanceof`
    return isInstanceOf(this, value);
  }

  /** A plain, secret-free description for logs. */
  toJSON(): Record<string, unknown> {
    const { stack: _stack, cause: _cause, ...fields } = this as unknown as Record<string, unknown>;
    return { name: this.name, message: this.message, ...fields };
  }
}

function prefix(who: string | undefined, endpoint: string | undefined): string {
  if (who && endpoint) return `[${who}] ${endpoint}: `;
  if (who) return `[${who}] `;
  return '';
}
