import type { CallStore } from '../call-store.ts';
import { startCallbackReceiver } from '../callback-receiver.ts';
import { type CliIo, exitCodes, line } from '../cli-io.ts';
import type { Session } from '../session.ts';
import { UsageError } from '../usage-error.ts';

export interface ReceiveCommandOptions {
  host: string;
  port: number;
  path: string;
}

/** Stores Ozonetel's callback pushes until the process is told to stop. */
export async function runReceive(
  io: CliIo,
  store: CallStore,
  session: Session,
  options: ReceiveCommandOptions,
): Promise<number> {
  const apiKey = session.providers.ozonetelApiKey;
  if (!apiKey)
    throw new UsageError('Ozonetel is not configured: set OZONETEL_USER_NAME and OZONETEL_API_KEY');
  const receiver = await startCallbackReceiver({
    store,
    apiKey,
    host: options.host,
    port: options.port,
    path: options.path,
    onCall: (call) => line(io.stdout, `stored ${call.provider} ${call.id}`),
    onRejected: (reason) => line(io.stderr, `rejected a push: ${reason}`),
  });
  line(io.stdout, `Receiving Ozonetel callbacks at ${receiver.url} (Ctrl-C to stop)`);
  if (session.world) {
    line(io.stdout, 'Simulated account: the simulator pushes with its own key.');
  }
  await new Promise<void>((resolve) => {
    if (!io.signal || io.signal.aborted) return resolve();
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await receiver.close();
  line(io.stdout, `${receiver.received} calls stored, ${receiver.rejected} pushes rejected`);
  return exitCodes.ok;
}
