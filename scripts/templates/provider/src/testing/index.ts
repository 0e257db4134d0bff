export {
  AcmeSimulator,
  type AcmeSimulatorOptions,
  type SimulatedAcmeCall,
} from './acme-simulator.js';
