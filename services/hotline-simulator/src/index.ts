// The simulator's public surface. Signing and message schemas also have their own entry points
// (`@bureau/hotline-simulator/signing`, `/messages`), free of Fastify, for the hotline service.
export { createSimulator, type FollowUpOptions, type Simulator, type SimulatorOptions } from './app.js';
export type { CentreAnswerReport, RetryPolicy } from './delivery.js';
export { UnknownMessageError, type Delivery, type DispatchInput, type RawDeliveryInput } from './driver.js';
export type { OutageState } from './outage.js';
export type { CallAttempt, KnownOrder, Receipt, ReceivedCall } from './platform-record.js';
export * from './messages.js';
export * from './signing.js';
