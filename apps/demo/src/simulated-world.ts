import { formatZonedDate, INDIA_TIME_ZONE, parseZonedDateTime } from '@cdr/core';
import { OzonetelSimulator } from '@cdr/ozonetel/testing';
import { TelecmiSimulator } from '@cdr/telecmi/testing';
import type { ProviderConfig } from './provider-config.ts';

export interface SimulatedWorld {
  telecmi: TelecmiSimulator;
  ozonetel: OzonetelSimulator;
  /** Credentials and URLs that point the providers at the simulators. */
  config: ProviderConfig;
  stop(): Promise<void>;
}

export interface SimulatedWorldOptions {
  seed?: number;
  telecmiCalls?: number;
  ozonetelCalls?: number;
  days?: number;
  latencyMs?: number;
  /** The clock the simulated accounts live on. Default: the system clock. */
  now?: () => Date;
}

/** The start of today in India: the simulated data ends there, so every run today sees the same calls. */
export function startOfIndianDay(now: Date): Date {
  return parseZonedDateTime(`${formatZonedDate(now, INDIA_TIME_ZONE)} 00:00:00`, INDIA_TIME_ZONE)!;
}

/**
 * Starts the TeleCMI and Ozonetel simulators on 127.0.0.1 with a seeded data set: six days of
 * TeleCMI calls across a user, a PIOPIY app and its agents (missed calls among them, many
 * numbers called again later), and Ozonetel calls over its 20 days. The same seed on the
 * same IST day gives the same calls, so separate commands see one consistent world.
 */
export async function startSimulatedWorld(
  options: SimulatedWorldOptions = {},
): Promise<SimulatedWorld> {
  const seed = options.seed ?? 2026;
  const now = options.now ?? (() => new Date());
  const dayStart = startOfIndianDay(now());
  const [telecmi, ozonetel] = await Promise.all([
    TelecmiSimulator.start({
      seed,
      calls: options.telecmiCalls ?? 4000,
      days: options.days ?? 6,
      now: dayStart.getTime(),
      latencyMs: options.latencyMs ?? 2,
    }),
    OzonetelSimulator.start({
      seed,
      calls: options.ozonetelCalls ?? 300,
      now: dayStart,
      latencyMs: options.latencyMs ?? 2,
    }),
  ]);
  // Generated up to the day's start, then run on the session's clock for the IST store logic.
  ozonetel.setNow(now());
  const credentials = telecmi.credentials;
  return {
    telecmi,
    ozonetel,
    config: {
      telecmi: [
        credentials['rest-user'],
        credentials['rest-app'],
        credentials['piopiy-app'],
        credentials['piopiy-agent'],
      ],
      telecmiBaseUrls: telecmi.baseUrls,
      ozonetel: { userName: ozonetel.userName, apiKey: ozonetel.apiKey, baseUrl: ozonetel.url },
    },
    async stop() {
      await Promise.all([telecmi.stop(), ozonetel.stop()]);
    },
  };
}
