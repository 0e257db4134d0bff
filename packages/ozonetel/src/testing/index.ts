export {
  OzonetelSimulator,
  type OzonetelSimulatorOptions,
  type SimulatedOzonetelCall,
} from './ozonetel-simulator.js';
