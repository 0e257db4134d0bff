// A Twilio simulator on a thread of its own, for benchmarks that measure the client: in the
// client's thread the simulator's work (building and serialising every page) would queue
// behind the client's and delay its timers, as no real API does. The thread has its own
// event loop, and on a machine with two cores or more, a core of its own.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { TwilioSimulator, type TwilioSimulatorOptions } from '@cdr/twilio/testing';

export interface SimulatorThread {
  url: string;
  accountSid: string;
  authToken: string;
  /** The ids of the calls within a window, from the simulator's ground truth. */
  ids(window: { from: Date; to: Date }): Promise<string[]>;
  stop(): Promise<void>;
}

interface Started {
  url: string;
  accountSid: string;
  authToken: string;
}

/** Starts a Twilio simulator on a new thread; `stop` ends the thread. */
export async function startTwilioSimulatorThread(
  options: TwilioSimulatorOptions,
): Promise<SimulatorThread> {
  const worker = new Worker(new URL(import.meta.url), { workerData: options });
  const started = await new Promise<Started>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    ...started,
    async ids(window) {
      const query = new URLSearchParams({
        from: window.from.toISOString(),
        to: window.to.toISOString(),
      });
      const response = await fetch(`${started.url}/__truth?${query}`);
      return (await response.json()) as string[];
    },
    async stop() {
      worker.postMessage('stop');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const simulator = await TwilioSimulator.start(workerData as TwilioSimulatorOptions);
  port.once('message', async () => {
    await simulator.stop();
    port.close();
  });
  port.postMessage({
    url: simulator.url,
    accountSid: simulator.accountSid,
    authToken: simulator.authToken,
  } satisfies Started);
}
