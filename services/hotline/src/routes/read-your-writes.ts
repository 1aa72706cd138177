// The query-string part every read-model route accepts for read-your-writes.
import { z } from 'zod';

export const afterQuery = {
  after: z.string().optional().describe('A position "commit/prepare" from a write: wait (bounded) until the read model has applied it.'),
};
