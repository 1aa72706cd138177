// One stream per work order, keyed by our own id (the platform's order number is mapped to it by the
// service). The event store's category is the part before the first '-', so the prefix has none.
export const workOrderStreamCategory = 'hotlineWorkOrder';

export function workOrderStreamName(workOrderId: string): string {
  return `${workOrderStreamCategory}-${workOrderId}`;
}
