// Who may use the report service. A district's statistician (统计员, role `statistician`) reads and closes
// their district's figures and records its peer-review rank; a district's auditor reads them (the
// drill-down is the auditor's); the city's auditor, administrator and statistician (市统计员,
// `city_statistician`, one of the kit's CITY_WIDE_ROLES) read every district, district by district.
// A close is the act of the statistician whose figures it freezes: a district's by the district's
// statistician, the city's own organisations' (市本级, the city id) by the city's (routes/periods.ts). The
// rank is a district's place in the city's peer review, recorded by that district's statistician.
import { access } from '@bureau/service-kit';

export const REPORT_READERS = access({ statistician: 'district', auditor: 'district', city_auditor: 'city', city_administrator: 'city', city_statistician: 'city' });
/** Close a period: a district's statistician their district's, the city's statistician the city's own (市本级). */
export const PERIOD_CLOSERS = access({ statistician: 'district', city_statistician: 'city' });
/** Record a district's peer-review rank: its statistician. */
export const RANK_RECORDERS = access({ statistician: 'district' });
