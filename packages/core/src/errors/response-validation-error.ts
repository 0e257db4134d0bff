import { CdrError, type CdrErrorOptions, errorMarker } from './cdr-error.js';

export interface ResponseValidationIssue {
  /** Where in the response, e.g. `cdr[3].time`. */
  path: string;
  /**
   * What was expected there, e.g. `expected number`. Never the value received: a response
   * may echo a credential, and the issue would carry it into logs.
   */
  message: string;
}

/**
 * The response parsed but did not hold what the mapping needs (schema drift), or held
 * something it cannot be (a total past any sane count, a record for another id, a date
 * out of range).
 */
export class ResponseValidationError extends CdrError {
  static override readonly marker: symbol = errorMarker('@cdr/core', 'ResponseValidationError');
  override readonly name = 'ResponseValidationError';
  readonly code = 'response_validation';
  readonly retryable = false;
  readonly issues: readonly ResponseValidationIssue[];

  constructor(options: CdrErrorOptions & { issues: readonly ResponseValidationIssue[] }) {
    super(options);
    this.issues = options.issues;
  }

  /** The first offending path, e.g. `cdr[3].time`. */
  get path(): string | undefined {
    return this.issues[0]?.path;
  }
}
