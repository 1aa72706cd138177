// Who may do what at the centre (区公法中心). Tokens carry one role each.
/** Handle orders: sign for, notes, return and extension requests, reply. */
export const ORDER_HANDLERS = ['centre_staff', 'centre_supervisor'] as const;
/** Assign an order to a staff member. */
export const ORDER_ASSIGNERS = ['centre_supervisor'] as const;
/** Read the worklist, orders, timelines and monthly figures. */
export const ORDER_READERS = ['centre_staff', 'centre_supervisor', 'auditor', 'administrator'] as const;
/** See the citizen's name and phone unmasked: only the centre's own staff, who call back. */
export const PERSONAL_DATA_READERS: readonly string[] = ['centre_staff', 'centre_supervisor'];
/** Load a newly published official calendar year. */
export const CALENDAR_ADMINS = ['administrator'] as const;
/** Read projection status. */
export const OPERATORS = ['administrator', 'auditor'] as const;
