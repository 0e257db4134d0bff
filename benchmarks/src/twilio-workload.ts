// Twilio for B14 and B15: 20,000 calls over 7 days from the simulator on its own thread at
// 50 ms latency (as B7), listed by our client and by `twilio`, Twilio's official SDK,
// whose requests are sent to the simulator by a `RequestClient` that swaps the host (as
// twilio-sdk-fidelity.test.ts does: the SDK has no base-URL setting).
import { createTwilio } from '@cdr/twilio';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { CallInstance } from 'twilio/lib/rest/api/v2010/account/call.js';
import { benchmarkLatencyMs, truthOf } from './listing-workload.ts';
import {
  type ProviderSimulatorThread,
  startProviderSimulatorThread,
} from './provider-simulator-thread.ts';

/** The SDK's own HTTP client (axios, keep-alive as by default), aimed at the simulator. */
class SimulatorRequestClient extends twilio.RequestClient {
  readonly #origin: URL;
  constructor(url: string) {
    super();
    this.#origin = new URL(url);
  }
  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    const uri = new URL(options.uri);
    uri.protocol = this.#origin.protocol;
    uri.host = this.#origin.host;
    return super.request<TData>({ ...options, uri: uri.href });
  }
}

export interface TwilioWorkload {
  simulator: ProviderSimulatorThread;
  calls: number;
  window: { from: Date; to: Date };
  truth: readonly string[];
  /** Our client with its defaults, or the options given. */
  ours(options?: { concurrency?: number; pageSize?: number }): ReturnType<typeof createTwilio>;
  /** The SDK's `calls.each` over the window, at `pageSize`; resolves once it is done. */
  sdkEach(pageSize: number, onCall: (call: CallInstance) => void): Promise<void>;
  stop(): Promise<void>;
}

export async function twilioWorkload(calls: number): Promise<TwilioWorkload> {
  const now = Date.parse('2026-11-24T06:00:00Z');
  const days = 7;
  const simulator = await startProviderSimulatorThread({
    provider: 'twilio',
    options: { calls, days, now, seed: 7, latencyMs: benchmarkLatencyMs },
  });
  const { accountSid, authToken } = simulator.credentials as {
    accountSid: string;
    authToken: string;
  };
  const window = { from: new Date(now - days * 86_400_000), to: new Date(now) };
  const truth = await truthOf(simulator, window, calls);
  return {
    simulator,
    calls,
    window,
    truth,
    ours: (options = {}) =>
      createTwilio({ accountSid, authToken, baseUrl: simulator.url, ...options }),
    sdkEach(pageSize, onCall) {
      const client = twilio(accountSid, authToken, {
        httpClient: new SimulatorRequestClient(simulator.url),
      });
      return new Promise<void>((resolve, reject) => {
        client.calls.each({
          startTimeAfter: window.from,
          // StartTime< is exclusive; the window's end inclusive: one second later.
          startTimeBefore: new Date(window.to.getTime() + 1000),
          pageSize,
          callback: (call) => onCall(call),
          done: (error?: Error) => (error ? reject(error) : resolve()),
        });
      });
    },
    stop: () => simulator.stop(),
  };
}
