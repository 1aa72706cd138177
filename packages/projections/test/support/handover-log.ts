import { appliedEvents } from './applied-events.js';

/** The projection two runners compete for in the standby tests; each row says which runner applied it. */
export const handoverLog = (label: string) => appliedEvents({ name: 'handover_log', label: () => label, batchDelayMs: 20 });
