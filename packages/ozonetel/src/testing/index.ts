export {
  type CallbackEncoding,
  OzonetelSimulator,
  type OzonetelSimulatorOptions,
  type SimulatedOzonetelCall,
} from './ozonetel-simulator.js';
