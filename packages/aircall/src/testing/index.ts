export {
  AircallSimulator,
  type AircallSimulatorOptions,
  type SimulatedAircallCall,
} from './aircall-simulator.js';
