// Any provider's simulator on a thread of its own, for benchmarks that time a client (ours
// or an official SDK) against it: on the client's thread the simulator's work on every page
// (building and serialising it) would queue behind the client's and delay its timers, as no
// real API does; on a machine with two cores or more the thread has a core of its own. Its
// counters (requests, 429s for the budget) are read across the thread.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { AircallSimulator, type AircallSimulatorOptions } from '@cdr/aircall/testing';
import { PlivoSimulator, type PlivoSimulatorOptions } from '@cdr/plivo/testing';
import { TelnyxSimulator, type TelnyxSimulatorOptions } from '@cdr/telnyx/testing';
import { TwilioSimulator, type TwilioSimulatorOptions } from '@cdr/twilio/testing';
import { VonageSimulator, type VonageSimulatorOptions } from '@cdr/vonage/testing';

/** Which simulator, with its options (plain data: they cross to the thread). */
export type SimulatorSpec =
  | {
      provider: 'aircall';
      // Its `clock` (a function) cannot cross to the thread: the thread's clock is the
      // machine's shifted by `clockOffsetMs`, as the client's must be (its budget's reset
      // header is an instant).
      options: Omit<AircallSimulatorOptions, 'clock'>;
      clockOffsetMs: number;
    }
  | { provider: 'plivo'; options: PlivoSimulatorOptions }
  | { provider: 'telnyx'; options: TelnyxSimulatorOptions }
  | { provider: 'twilio'; options: TwilioSimulatorOptions }
  | { provider: 'vonage'; options: VonageSimulatorOptions };

export interface SimulatorCounters {
  /** API requests answered (ground-truth requests excluded). */
  requests: number;
  /** 429s the simulator answered for its rate budget. */
  rateLimited: number;
}

export interface ProviderSimulatorThread {
  url: string;
  /** The simulator's public string fields: its credentials (authId, apiKey, privateKey, …). */
  credentials: Readonly<Record<string, string>>;
  /** The ids of the calls within a window, from the simulator's ground truth. */
  ids(window: { from: Date; to: Date }): Promise<string[]>;
  counters(): Promise<SimulatorCounters>;
  stop(): Promise<void>;
}

type Simulator =
  | AircallSimulator
  | PlivoSimulator
  | TelnyxSimulator
  | TwilioSimulator
  | VonageSimulator;

async function startSimulator(spec: SimulatorSpec): Promise<Simulator> {
  switch (spec.provider) {
    case 'aircall': {
      const offset = spec.clockOffsetMs;
      return AircallSimulator.start({ ...spec.options, clock: () => Date.now() + offset });
    }
    case 'plivo':
      return PlivoSimulator.start(spec.options);
    case 'telnyx':
      return TelnyxSimulator.start(spec.options);
    case 'twilio':
      return TwilioSimulator.start(spec.options);
    case 'vonage':
      return VonageSimulator.start(spec.options);
  }
}

/** The budget's 429 count, whatever the simulator calls it (Twilio documents no budget). */
function rateLimitedOf(simulator: Simulator): number {
  if (simulator instanceof AircallSimulator) return simulator.rateLimited;
  if (simulator instanceof TwilioSimulator) return 0;
  return simulator.rateLimitedCount;
}

type Request = 'counters' | 'stop';
interface Started {
  url: string;
  credentials: Record<string, string>;
}

/** Starts a provider's simulator on a new thread; `stop` ends the thread. */
export async function startProviderSimulatorThread(
  spec: SimulatorSpec,
): Promise<ProviderSimulatorThread> {
  const worker = new Worker(new URL(import.meta.url), { workerData: spec });
  // One request at a time: the next message is its answer.
  const reply = <T>(request?: Request) =>
    new Promise<T>((resolve, reject) => {
      const answered = (value: T) => {
        worker.off('error', failed);
        resolve(value);
      };
      const failed = (error: Error) => {
        worker.off('message', answered);
        reject(error);
      };
      worker.once('message', answered);
      worker.once('error', failed);
      if (request) worker.postMessage(request);
    });
  const started = await reply<Started>();
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
    counters: () => reply<SimulatorCounters>('counters'),
    async stop() {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('stop' satisfies Request);
      await exited;
    },
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const simulator = await startSimulator(workerData as SimulatorSpec);
  port.on('message', async (request: Request) => {
    if (request === 'counters') {
      port.postMessage({
        requests: simulator.requestCount,
        rateLimited: rateLimitedOf(simulator),
      } satisfies SimulatorCounters);
      return;
    }
    await simulator.stop();
    port.close();
  });
  const credentials = Object.fromEntries(
    Object.entries(simulator).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
  port.postMessage({ url: simulator.url, credentials } satisfies Started);
}
