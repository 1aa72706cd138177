// Who may do what at the centre (区公法中心), and how far each role reaches (the kit's scopes: the
// caller's own organisation, its district, or the city). Tokens carry one role each. A work order is
// owned by the centre its platform dispatches to (config: HOTLINE_CENTRE_ID); an order outside the
// caller's reach answers exactly as one that does not exist.
import { access, everyone, type Scope } from '@bureau/service-kit';

/** The centre's own people work on their centre's orders. */
const centre = (roles: readonly string[]): Record<string, Scope> => everyone(roles, 'organisation');
/** The city-wide roles (named in the kit) that read every district's orders (the city's statistician reads figures only). */
const cityWide: Record<string, Scope> = { city_auditor: 'city', city_administrator: 'city' };

/** Handle orders: sign for, notes, return and extension requests, reply. */
export const ORDER_HANDLERS = access(centre(['centre_staff', 'centre_supervisor']));
/** Assign an order to a staff member. */
export const ORDER_ASSIGNERS = access(centre(['centre_supervisor']));
/** Read the worklist, orders and timelines: the centre, its district's auditor and administrator, the city. */
export const ORDER_READERS = access({ ...centre(['centre_staff', 'centre_supervisor']), ...everyone(['auditor', 'administrator'], 'district'), ...cityWide });
/**
 * Read the monthly figures (counts and rates, no citizen in them): the order readers, and the city's
 * statistician (市统计员), who reads figures and nothing that names a citizen (not the orders).
 */
export const MONTHLY_FIGURE_READERS = access({ ...centre(['centre_staff', 'centre_supervisor']), ...everyone(['auditor', 'administrator'], 'district'), ...cityWide, city_statistician: 'city' });
/**
 * The order's history from its stream: the centre, its district's administrator, the city's. Not the
 * auditors: an auditor's view of a case is itself recorded, which the audit service does (its history
 * route), so they read histories there.
 */
export const TIMELINE_READERS = access({ ...centre(['centre_staff', 'centre_supervisor']), administrator: 'district', city_administrator: 'city' });
/** See the citizen's name and phone unmasked: only the centre's own staff, who call back. */
export const PERSONAL_DATA_READERS: readonly string[] = ['centre_staff', 'centre_supervisor'];
/** The webhook's delivery conflicts name citizens: the centre's own staff only. */
export const CONFLICT_READERS = access(centre(PERSONAL_DATA_READERS));
/** Load a newly published official calendar year: the national calendar is the city administrator's. */
export const CALENDAR_ADMINS = ['city_administrator'] as const;
/** Read projection status: the district's administrator and auditor, and the city's. */
export const OPERATORS = access({ ...everyone(['administrator', 'auditor'], 'district'), ...cityWide });
/** See, retry and discard the outbox's dead letters. */
export const OUTBOX_STAFF = { centre_supervisor: 'organisation', administrator: 'district', city_administrator: 'city' } as const satisfies Record<string, Scope>;
