import type { IncomingMessage } from 'node:http';

export type RequestBody =
  | { outcome: 'complete'; text: string }
  | { outcome: 'too-large' }
  /** Not all there when the deadline passed: a stalled or deliberately slow client. */
  | { outcome: 'timed-out' }
  /** The client went away (or the connection failed) before the end. */
  | { outcome: 'aborted' };

export interface RequestBodyLimits {
  maxBytes: number;
  /** From the call (the headers are in) to the body's last byte. */
  timeoutMs: number;
}

/**
 * Reads a request's body as UTF-8 text within a size and a time limit. Stops reading at the
 * first limit passed: what to answer, and whether to keep the connection, is the caller's.
 */
export function readRequestBody(
  request: IncomingMessage,
  limits: RequestBodyLimits,
): Promise<RequestBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (body: RequestBody) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (body.outcome !== 'complete') request.pause();
      resolve(body);
    };
    const timer = setTimeout(() => finish({ outcome: 'timed-out' }), limits.timeoutMs);
    request.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limits.maxBytes) return finish({ outcome: 'too-large' });
      chunks.push(chunk);
    });
    request.once('end', () =>
      finish({ outcome: 'complete', text: Buffer.concat(chunks).toString('utf8') }),
    );
    // 'close' before 'end', or an error: the client left mid-body.
    request.once('close', () => finish({ outcome: 'aborted' }));
    request.once('error', () => finish({ outcome: 'aborted' }));
  });
}
