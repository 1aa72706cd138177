// Who may use the audit service. Auditors only: a district's auditor (审计员, role `auditor`) reaches their
// district's cases, the city's (`city_auditor`) every district's. What spans the whole store (verify
// everything, the anchors, which name every stream) is the city's. Personal data is masked unless the
// role is one of AUDIT_PERSONAL_DATA_ROLES and the caller asks for it.
import { access, publicAccess } from '@bureau/service-kit';

/** Open a case: history, as of, diff, its verification, its exports; the access-log report. */
export const CASE_AUDITORS = access({ auditor: 'district', city_auditor: 'city' });
/** Verify the whole store, list, record and download anchors. */
export const CITY_AUDITORS = access({ city_auditor: 'city' });
/** The anchors' public key: publishing it is its point. */
export const PUBLIC_KEY = publicAccess('the public key anchors are signed with: publishing it is its point');
