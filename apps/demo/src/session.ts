import { CdrError } from '@cdr/core';
import type { CliIo, GlobalOptions } from './cli-io.ts';
import { line } from './cli-io.ts';
import { readProviderConfig } from './provider-config.ts';
import { createProviders, type Providers } from './providers.ts';
import { type SimulatedWorld, startSimulatedWorld } from './simulated-world.ts';
import { UsageError } from './usage-error.ts';
import { withCleanup } from './with-cleanup.ts';

export interface Session {
  providers: Providers;
  /** Set when no credentials were found and the simulators stand in for the providers. */
  world?: SimulatedWorld | undefined;
  close(): Promise<void>;
}

/**
 * The providers a command talks to: those configured in the environment, or the simulators
 * started on 127.0.0.1 when no credential is set. Configuration mistakes end here, before
 * any request.
 */
export async function openSession(io: CliIo, options: GlobalOptions): Promise<Session> {
  const configured = readProviderConfig(io.env);
  const world = configured
    ? undefined
    : await startSimulatedWorld({ ...io.simulation, now: io.now });
  if (world) {
    line(
      io.stderr,
      'No provider credentials in the environment: using the simulators on 127.0.0.1 (see .env.example).',
    );
  }
  let providers: Providers;
  try {
    providers = createProviders((configured ?? world?.config)!, {
      requestTimeoutMs: options.requestTimeout,
      retries: options.retries,
      now: io.now,
    });
  } catch (error) {
    // Stop the simulators just started; their failing to stop must not hide this error.
    await world?.stop().catch(() => undefined);
    if (CdrError.isInstance(error)) throw new UsageError(`bad credentials: ${error.message}`);
    throw error;
  }
  return {
    providers,
    world,
    // Both, whichever fails: simulators left running would keep the process alive.
    close: () =>
      withCleanup(
        () => providers.close(),
        () => world?.stop(),
      ),
  };
}
