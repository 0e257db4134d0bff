import { mapConcurrent } from '@cdr/core/provider-utils';
import type { CallStore } from '../call-store.ts';
import { startCallbackReceiver } from '../callback-receiver.ts';
import { type CliIo, line } from '../cli-io.ts';
import { buildReport, formatReport } from '../report.ts';
import type { Session } from '../session.ts';
import { withCleanup } from '../with-cleanup.ts';
import { runLookup } from './lookup-command.ts';
import { runSync, type SyncCommandOptions } from './sync-command.ts';

/** Of the simulated Ozonetel calls, one in this many never reaches the receiver. */
const missedPushEvery = 20;

/**
 * The project's main job in one command: sync every account that can list calls, take in
 * Ozonetel's pushes through the callback receiver and look up by UCID the calls whose push
 * never came (simulated mode), then print the report.
 */
export async function runDemo(
  io: CliIo,
  store: CallStore,
  session: Session,
  options: SyncCommandOptions,
): Promise<number> {
  let exitCode = await runSync(io, store, session, options);
  const world = session.world;
  const apiKey = session.providers.ozonetelApiKey;
  if (world && apiKey) {
    const receiver = await startCallbackReceiver({ store, apiKey, now: io.now });
    // Ozonetel pushes each call as it ends: only calls it still keeps (15 days) are pushed.
    const calls = world.ozonetel.calls().filter((call) => world.ozonetel.storeOf(call) !== 'none');
    const pushed = calls.filter((_, index) => index % missedPushEvery !== 0);
    const missed = calls.filter((_, index) => index % missedPushEvery === 0);
    await withCleanup(
      async () => {
        for await (const _status of mapConcurrent(
          pushed,
          (call, _signal) =>
            world.ozonetel.pushCallback(
              receiver.url,
              call.ucid,
              call.ucid.endsWith('7') ? 'form-array' : 'form',
            ),
          { concurrency: 8 },
        )) {
          // Statuses are counted by the receiver.
        }
      },
      () => receiver.close(),
    );
    line(
      io.stdout,
      `ozonetel  ${receiver.received} calls pushed to the callback receiver; looking up the ${missed.length} whose push never came`,
    );
    exitCode = Math.max(
      exitCode,
      await runLookup(
        io,
        store,
        session,
        missed.map((call) => call.ucid),
        {},
      ),
    );
  }
  line(io.stdout);
  line(io.stdout, formatReport(buildReport(store)));
  return exitCode;
}
