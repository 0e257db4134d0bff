// The naive baselines a client is held to: plain `fetch` calls over pages whose numbers
// are known in advance, parsed and counted, nothing mapped or checked. One at a time (a
// script's loop), or `concurrency` at a time (a pool of workers taking the next page).

/** One page's request: where to POST, and the JSON body. */
export interface PageRequest {
  url: string;
  body: Record<string, unknown>;
}

async function fetchRecords(request: PageRequest): Promise<number> {
  const response = await fetch(request.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request.body),
  });
  const body = (await response.json()) as { cdr: unknown[] };
  return body.cdr.length;
}

/** Fetches every page with at most `concurrency` requests in flight; returns the records seen. */
export async function fetchPool(
  requests: readonly PageRequest[],
  concurrency: number,
): Promise<number> {
  let next = 0;
  let records = 0;
  const worker = async () => {
    while (next < requests.length) {
      // Not `records += await …`: that reads `records` before the await, losing the others' counts.
      const received = await fetchRecords(requests[next++]!);
      records += received;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
  return records;
}
