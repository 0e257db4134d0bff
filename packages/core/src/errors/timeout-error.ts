import { type CdrErrorOptions, errorMarker } from './cdr-error.js';
import { NetworkError } from './network-error.js';

export type TimeoutPhase = 'connect' | 'headers' | 'body' | 'deadline';

/** A connect, headers or body timeout, or the overall deadline, ran out. A NetworkError. */
export class TimeoutError extends NetworkError {
  static override readonly marker: symbol = errorMarker('@cdr/core', 'TimeoutError');
  override readonly name = 'TimeoutError';
  override readonly code = 'timeout';
  readonly phase: TimeoutPhase;

  constructor(options: CdrErrorOptions & { phase: TimeoutPhase }) {
    super(options);
    this.phase = options.phase;
  }
}
