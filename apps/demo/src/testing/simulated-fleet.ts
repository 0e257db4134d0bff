// Test and benchmark support (not part of the tool): many TeleCMI accounts on simulators,
// and the accounts file that configures them, as a BPO's fleet of client accounts would be.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TelecmiCredentialKind } from '@cdr/telecmi';
import { TelecmiSimulator } from '@cdr/telecmi/testing';

export interface FleetAccount {
  name: string;
  simulator: TelecmiSimulator;
  kind: TelecmiCredentialKind;
}

export interface SimulatedFleet {
  accounts: FleetAccount[];
  /** The accounts file (YAML), secrets by reference to `env`. */
  file: string;
  /** The variables the accounts file refers to. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface FleetOptions {
  latencyMs: number;
  faultRate: number;
  /** Calls per simulator (shared by its four credential kinds). */
  calls: number;
  days?: number | undefined;
  /** The simulators' clock: their calls end here. */
  now: number;
}

/** `count` accounts, four per simulator (one of each TeleCMI credential kind). */
export async function startSimulatedFleet(
  count: number,
  options: FleetOptions,
): Promise<SimulatedFleet> {
  const kinds: TelecmiCredentialKind[] = ['rest-user', 'rest-app', 'piopiy-app', 'piopiy-agent'];
  const simulators: TelecmiSimulator[] = [];
  const accounts: FleetAccount[] = [];
  for (let index = 0; accounts.length < count; index++) {
    const simulator = await TelecmiSimulator.start({
      seed: 100 + index,
      calls: options.calls,
      days: options.days ?? 2,
      now: options.now,
      latencyMs: options.latencyMs,
      faultRate: options.faultRate,
      faultKinds: ['server-error', 'connection-reset', 'truncated-body'],
    });
    simulators.push(simulator);
    for (const kind of kinds)
      if (accounts.length < count)
        accounts.push({ name: `acme-${index}-${kind}`, simulator, kind });
  }
  const env: Record<string, string> = {};
  const entries = accounts.map(({ name, simulator, kind }, index) => {
    const credentials: Record<string, string | number> = simulator.credentials[kind];
    const fields = Object.entries(credentials).map(([key, value]) => {
      if (key === 'kind') return `kind: ${value}`;
      if (key === 'appId') return `appId: ${value}`;
      const variable = `SECRET_${index}_${key.toUpperCase()}`;
      env[variable] = String(value);
      return `${key}: { env: ${variable} }`;
    });
    return `  - name: ${name}
    provider: telecmi
    settings:
      credentials: { ${fields.join(', ')} }
      baseUrls: { rest: "${simulator.baseUrls.rest}", piopiy: "${simulator.baseUrls.piopiy}" }`;
  });
  const file = join(mkdtempSync(join(tmpdir(), 'cdr-fleet-')), 'accounts.yaml');
  writeFileSync(file, `accounts:\n${entries.join('\n')}\n`);
  return {
    accounts,
    file,
    env,
    async stop() {
      await Promise.all(simulators.map((simulator) => simulator.stop()));
    },
  };
}
