export {
  rfc2822,
  type SimulatedTwilioCall,
  type TwilioCallFilter,
  TwilioSimulator,
  type TwilioSimulatorOptions,
} from './twilio-simulator.js';
