// Who may use the report service. A district's statistician (统计员, role `statistician`) reads and closes
// their district's figures and records its peer-review rank; a district's auditor reads them (the
// drill-down is the auditor's); the city's auditor and administrator read every district, district by
// district. The city-wide roles are the kit's (CITY_WIDE_ROLES): a city statistician would be a kit change.
import { access } from '@bureau/service-kit';

export const REPORT_READERS = access({ statistician: 'district', auditor: 'district', city_auditor: 'city', city_administrator: 'city' });
export const STATISTICIANS = access({ statistician: 'district' });
