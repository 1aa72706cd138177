// The hotline's names for an outbox message's facts in the staff routes, beside the generic ones: the
// work order (ordering key), the platform (destination), its order number and the protocol's action.
import type { MessageFields } from '@bureau/outbox';
import { outboundActions } from '@bureau/hotline-protocol/messages';
import { z } from 'zod';

export const hotlineMessageFields: MessageFields = {
  shape: {
    workOrderId: z.string(),
    platformId: z.string(),
    orderNo: z.string(),
    action: z.enum(outboundActions),
  },
  of: (row) => ({ workOrderId: row.ordering_key, platformId: row.destination, orderNo: row.attributes.orderNo ?? '', action: row.kind }),
};
