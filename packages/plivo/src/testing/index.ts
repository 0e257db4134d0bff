export {
  type PlivoCallFilter,
  PlivoSimulator,
  type PlivoSimulatorOptions,
  type SimulatedPlivoCall,
} from './plivo-simulator.js';
