export {
  createTelecmiDataSet,
  type SimulatedTelecmiAccount,
  type SimulatedTelecmiCall,
  type SimulatedTelecmiCallKind,
  type TelecmiAccounts,
  type TelecmiDataSet,
  type TelecmiDataSetOptions,
} from './telecmi-data-set.js';
export {
  type TelecmiCallFilter,
  TelecmiSimulator,
  type TelecmiSimulatorOptions,
  type TelecmiWebhookDelivery,
  type TelecmiWebhookPushOptions,
  type TelecmiWindowFilter,
} from './telecmi-simulator.js';
export {
  simulatedUserPhone,
  type TelecmiWebhookPayloads,
  telecmiWebhookPayloads,
} from './telecmi-webhook-payloads.js';
