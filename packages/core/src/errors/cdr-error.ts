const marker = Symbol.for('@cdr/core.error');

/** Stable machine-readable codes: one per kind of failure, safe to switch on. */
export type CdrErrorCode =
  | 'authentication'
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

export interface CdrErrorOptions {
  message: string;
  /** The provider that failed, e.g. `telecmi`. */
  provider?: string | undefined;
  /** The endpoint that failed, e.g. `POST /v2/user/out_cdr` (never a query string: it may hold secrets). */
  endpoint?: string | undefined;
  cause?: unknown;
}

/**
 * The base of every error cdr throws.
 *
 * `instanceof` works even when two copies of `@cdr/core` are installed (each provider
 * package bringing its own): the check looks for a `Symbol.for` marker and the error
 * code instead of the prototype chain alone. `CdrError.isInstance(value)` does the same.
 */
export abstract class CdrError extends Error {
  /** Codes an instance of this class may carry; subclasses narrow it. */
  static readonly codes: readonly CdrErrorCode[] = [];

  readonly [marker] = true;
  abstract readonly code: CdrErrorCode;
  /** Whether sending the same request again may succeed. */
  abstract readonly retryable: boolean;
  readonly provider: string | undefined;
  readonly endpoint: string | undefined;

  constructor({ message, provider, endpoint, cause }: CdrErrorOptions) {
    super(prefix(provider, endpoint) + message, cause === undefined ? undefined : { cause });
    this.provider = provider;
    this.endpoint = endpoint;
  }

  static isInstance(value: unknown): value is CdrError {
    return typeof value === 'object' && value !== null && marker in value;
  }

  // `this` is deliberate: it is the class on the right of `instanceof`, a subclass included.
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: the subclass being tested, not CdrError
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (!CdrError.isInstance(value)) return false;
    // biome-ignore lint/complexity/noThisInStatic: the subclass being tested, not CdrError
    const codes = (this as typeof CdrError).codes;
    return codes.length === 0 || codes.includes(value.code);
  }

  /** A plain, secret-free description for logs. */
  toJSON(): Record<string, unknown> {
    const { stack: _stack, cause: _cause, ...fields } = this as unknown as Record<string, unknown>;
    return { name: this.name, message: this.message, ...fields };
  }
}

function prefix(provider: string | undefined, endpoint: string | undefined): string {
  if (provider && endpoint) return `[${provider}] ${endpoint}: `;
  if (provider) return `[${provider}] `;
  return '';
}
