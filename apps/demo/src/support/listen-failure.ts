import { UsageError } from './usage-error.ts';

// Why `listen` failed, for the errors a person can act on.
const listenFailures: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the address is already in use',
  EADDRNOTAVAIL: 'no network interface of this machine has that address',
  EACCES: 'permission denied (a port below 1024 needs privileges)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved',
};

/**
 * A server's `listen` error as one line naming the address (`inUse` says what probably
 * holds a port in use), or the error itself when it is none a person can act on.
 */
export function listenFailure(
  error: unknown,
  address: { host: string; port: number },
  inUse: string,
): unknown {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason = listenFailures[code];
  if (!reason) return error;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return new UsageError(
    `cannot listen on ${host}:${address.port}: ${reason}${code === 'EADDRINUSE' ? ` (${inUse})` : ''}`,
  );
}
