export {
  createTelecmiDataSet,
  type SimulatedTelecmiCall,
  type SimulatedTelecmiEndpoint,
  type TelecmiAccounts,
  type TelecmiDataSet,
  type TelecmiDataSetOptions,
} from './telecmi-data-set.js';
export {
  TelecmiSimulator,
  type TelecmiSimulatorOptions,
  type TelecmiWindowFilter,
} from './telecmi-simulator.js';
