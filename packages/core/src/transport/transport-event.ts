import type { CdrErrorCode } from '../errors/cdr-error.js';

interface TransportEventBase {
  provider: string;
  /** e.g. `POST /v2/user/out_cdr`. */
  endpoint: string;
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
}

/**
 * What the transport reports for logging and tracing. Every field is free of secrets:
 * URLs are redacted, and no request or response body is included.
 */
export type TransportEvent =
  | (TransportEventBase & { type: 'request'; method: string; url: string })
  | (TransportEventBase & {
      type: 'response';
      statusCode: number;
      durationMs: number;
      bytes: number;
    })
  | (TransportEventBase & {
      type: 'retry';
      delayMs: number;
      error: { code: CdrErrorCode; message: string };
    })
  | (TransportEventBase & { type: 'rate-limit-wait'; waitMs: number });

export type TransportEventListener = (event: TransportEvent) => void;
