export {
  type ExotelSimulatedStatus,
  ExotelSimulator,
  type ExotelSimulatorOptions,
  type SimulatedExotelCall,
} from './exotel-simulator.js';
