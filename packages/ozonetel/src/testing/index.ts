export {
  type CallbackEncoding,
  OzonetelSimulator,
  type OzonetelSimulatorOptions,
  type SimulatedOzonetelCall,
  simulatedReportsMessages,
} from './ozonetel-simulator.js';
