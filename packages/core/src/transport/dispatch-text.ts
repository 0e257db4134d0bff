import type { Dispatcher } from 'undici';

/** A response read whole: what the transport needs of it. */
export interface TextResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body's size in bytes. */
  bytes: number;
}

export interface DispatchTextOptions {
  /** Aborts the request, sent or queued: the promise rejects with the signal's reason. */
  signal: AbortSignal;
  /** The largest body accepted; a larger one is abandoned with `tooLarge()`. */
  maxBytes: number;
  tooLarge: () => Error;
}

/**
 * Sends a request through an undici dispatcher and reads its body into a string, with a
 * handler of its own rather than `dispatcher.request()`.
 *
 * Why not `request()`: its response is a stream (`BodyReadable`, a `RequestHandler` that
 * is an `AsyncResource`, stream listeners, an immediate per body) and each request's
 * graph ends up promoted to V8's old generation: measured on a plain loop of requests,
 * ~25% of the bytes a request allocates survived two scavenges and died in old space,
 * whatever the young generation's size, so peak RSS grew by ~200 MB over a million calls
 * (BENCHMARKS.md, B3). The same loop through `dispatch()` with this handler promotes
 * nothing, and a body of a few KB needs no stream.
 */
export function dispatchText(
  dispatcher: Dispatcher,
  request: Dispatcher.DispatchOptions,
  options: DispatchTextOptions,
): Promise<TextResponse> {
  const { signal, maxBytes, tooLarge } = options;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<TextResponse>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let statusCode = 0;
    let headers: Record<string, string | string[] | undefined> = {};
    const chunks: Buffer[] = [];
    let bytes = 0;

    const settle = (error: unknown, response?: TextResponse) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (response) resolve(response);
      else reject(error);
    };
    // A request under way is aborted through its controller, and settles when undici has
    // torn it down (as `request()` did). One still queued has no controller yet: the
    // caller hears of the abort at once, and the request is dropped before it is written.
    const onAbort = () => {
      if (controller) controller.abort(signal.reason);
      else settle(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });

    dispatcher.dispatch(request, {
      onRequestStart(started) {
        controller = started;
        if (settled) started.abort(signal.reason);
      },
      onResponseStart(current, status, responseHeaders) {
        // 1xx answers (100 Continue) come before the real one.
        if (status < 200) return;
        statusCode = status;
        headers = responseHeaders as Record<string, string | string[] | undefined>;
        const declared = Number(headerValue(headers, 'content-length'));
        if (declared > maxBytes) current.abort(tooLarge());
      },
      onResponseData(current, chunk) {
        bytes += chunk.length;
        if (bytes > maxBytes) {
          current.abort(tooLarge());
          return;
        }
        chunks.push(chunk);
      },
      onResponseEnd() {
        const text =
          chunks.length === 1
            ? chunks[0]!.toString('utf8')
            : Buffer.concat(chunks, bytes).toString('utf8');
        settle(undefined, { statusCode, headers, text, bytes });
      },
      onResponseError(_current, error) {
        // An abort the caller asked for is reported with the caller's reason.
        settle(signal.aborted ? signal.reason : error);
      },
    });
  });
}

/** A header's value; the first when it came several times. */
export function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
