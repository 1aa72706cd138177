// The simulator's public surface. Signing and message schemas live in @bureau/hotline-protocol,
// shared with the hotline service; they are re-exported here for the simulator's users.
export { createSimulator, type FollowUpOptions, type Simulator, type SimulatorOptions } from './app.js';
export type { CentreAnswerReport, RetryPolicy } from './delivery.js';
export { UnknownMessageError, type Delivery, type DispatchInput, type RawDeliveryInput } from './driver.js';
export type { OutageState } from './outage.js';
export type { CallAttempt, KnownOrder, Receipt, ReceivedCall } from './platform-record.js';
export * from '@bureau/hotline-protocol/messages';
export * from '@bureau/hotline-protocol/signing';
