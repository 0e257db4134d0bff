// The three endpoints an operator's tools ask a running cdr service: is the process alive
// (`/healthz`), can it do its work now (`/readyz`), and what has it done (`/metrics`, the
// Prometheus text format). Served on `receive`'s and `serve`'s own ports and on the
// worker's `--listen` port alike.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { checkReadiness, type ReadinessCheck } from './readiness.ts';

export interface OperationsEndpoints {
  registry: Registry;
  readiness: readonly ReadinessCheck[];
}

export const operationsPaths = ['/healthz', '/readyz', '/metrics'] as const;

const noStore = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

function json(response: ServerResponse, status: number, body: unknown, head: boolean): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...noStore });
  response.end(head ? undefined : `${JSON.stringify(body)}\n`);
}

/**
 * Answers `request` when it asks for one of the operations paths (GET or HEAD), and
 * resolves to whether it did; any other request is left to the server's own routes.
 */
export async function answerOperationsRequest(
  request: IncomingMessage,
  response: ServerResponse,
  endpoints: OperationsEndpoints,
): Promise<boolean> {
  const path = new URL(request.url ?? '/', 'http://operations').pathname;
  if (!(operationsPaths as readonly string[]).includes(path)) return false;
  const head = request.method === 'HEAD';
  if (request.method !== 'GET' && !head) {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    response.end('Only GET.\n');
    return true;
  }
  if (path === '/healthz') {
    // Alive: the process answers. Nothing else is looked at, so a database outage never
    // gets a healthy process restarted for nothing.
    json(response, 200, { status: 'ok' }, head);
    return true;
  }
  if (path === '/readyz') {
    const readiness = await checkReadiness(endpoints.readiness);
    json(
      response,
      readiness.ready ? 200 : 503,
      readiness.ready
        ? { status: 'ready', checks: readiness.checks }
        : { status: 'unready', reason: readiness.reason, checks: readiness.checks },
      head,
    );
    return true;
  }
  try {
    const text = await endpoints.registry.metrics();
    response.writeHead(200, { 'content-type': endpoints.registry.contentType, ...noStore });
    response.end(head ? undefined : text);
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', ...noStore });
    response.end(`The metrics could not be collected: ${(error as Error).message}\n`);
  }
  return true;
}
