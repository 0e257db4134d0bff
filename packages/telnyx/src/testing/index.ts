export {
  type SignedTelnyxPush,
  type SimulatedTelnyxCall,
  TelnyxSimulator,
  type TelnyxSimulatorOptions,
} from './telnyx-simulator.js';
