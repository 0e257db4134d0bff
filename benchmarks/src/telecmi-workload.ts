// The benchmarks' TeleCMI workload: PIOPIY app calls, outgoing and missed, listed through
// that one endpoint (the app's other endpoints are left out, so every request carries calls).
import type { TelecmiSettings } from '@cdr/telecmi';
import type { SimulatedTelecmiCallKind } from '@cdr/telecmi/testing';

export const outgoingMissed: SimulatedTelecmiCallKind = {
  account: 'piopiy-app',
  direction: 'outbound',
  status: 'missed',
};

export const onlyOutgoingMissed: TelecmiSettings['endpoints'] = {
  'inbound-answered': false,
  'inbound-missed': false,
  'outbound-answered': false,
};
