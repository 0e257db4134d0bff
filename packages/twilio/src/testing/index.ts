export {
  type SimulatedTwilioCall,
  TwilioSimulator,
  type TwilioSimulatorOptions,
} from './twilio-simulator.js';
