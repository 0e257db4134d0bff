export {
  type SimulatedVonageCall,
  type VonageCallFilter,
  VonageSimulator,
  type VonageSimulatorOptions,
} from './vonage-simulator.js';
