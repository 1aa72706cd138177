// Stream identity. Each work order has a stream keyed by OUR id; the platform's order number is unique
// per platform only, so our id is derived from both: UUID v5 of `${platformId}:${orderNo}`. Every
// delivery of the same order, even five at once, names the same stream, and handleCommand (event ids
// derived from the message id, appends guarded by expected revision) makes it one work order.
import { uuidV5 } from '@bureau/service-kit';
import { workOrderStreamName } from './domain/index.js';

/** The hotline service's UUID v5 namespace for work-order ids. Never change it: stored streams depend on it. */
export const WORK_ORDER_ID_NAMESPACE = '7b6e3d1a-52c4-4f0e-9a8b-12345c0ffee5';

export function workOrderIdOf(platformId: string, orderNo: string): string {
  return uuidV5(`${platformId}:${orderNo}`, WORK_ORDER_ID_NAMESPACE);
}

export function workOrderStreamOf(workOrderId: string): string {
  return workOrderStreamName(workOrderId);
}
