// The city of the tests: two districts (花都 Huadu, 白云 Baiyun), each with its legal-aid office, a
// station under Huadu's office, the city's office and the justice bureaus. An ordinary application:
// received Monday 2025-11-03 10:00 Asia/Shanghai (an ordinary week), so deadlines check by hand.
import type { Person } from '@bureau/person-schemas';
import { createOfficialWorkingCalendar } from '@bureau/working-calendar';
import { legalAidRules, type OfficeDirectory, type SubmitApplication } from '../../../src/domain/index.js';
import type { LawyerRegistryState } from '../../../src/domain/index.js';

/** The real calendar package with the official 2024–2026 data (docs/domain/calendar.json). */
export const calendar = createOfficialWorkingCalendar();
export const rules = legalAidRules(calendar);

export const huaduOffice = 'org-huadu-legal-aid';
export const baiyunOffice = 'org-baiyun-legal-aid';
export const cityOffice = 'org-city-legal-aid';
export const xinhuaStation = 'org-huadu-xinhua-station';
export const huaduBureau = 'org-huadu-justice-bureau';
export const baiyunBureau = 'org-baiyun-justice-bureau';

export const offices: OfficeDirectory = {
  cityOfficeId: cityOffice,
  districtOffices: { 'org-huadu': huaduOffice, 'org-baiyun': baiyunOffice },
  stationOffices: { [xinhuaStation]: huaduOffice },
  justiceBureaus: { [huaduOffice]: huaduBureau, [baiyunOffice]: baiyunBureau, [cityOffice]: 'org-city-justice-bureau' },
};

/** An instant from Asia/Shanghai local time, e.g. local('2025-11-03 10:00'). */
export function local(dateTime: string): Date {
  return new Date(`${dateTime.replace(' ', 'T')}:00+08:00`);
}

export function iso(dateTime: string): string {
  return local(dateTime).toISOString();
}

/** A working-age applicant in no green-channel group (GB 11643 check digit computed by hand). */
export const zhangSan: Person = {
  name: '张三',
  document: { type: 'resident_id', number: '440114198503151233' },
  birthDate: null,
  phone: '13800138000',
  address: '广州市花都区新华街道某路1号',
  groups: [],
};

export const receivedAt = local('2025-11-03 10:00');
/** 7 working days after Monday 3 November: the end (24:00) of Wednesday 12 November. */
export const reviewDueAt = iso('2025-11-13 00:00');

export const huaduCourt = { kind: 'litigation', caseAuthority: '花都区人民法院', authoritySits: { districtId: 'org-huadu' } } as const;
export const baiyunCourt = { kind: 'litigation', caseAuthority: '白云区人民法院', authoritySits: { districtId: 'org-baiyun' } } as const;

export function submit(change: Partial<SubmitApplication['data']> = {}): SubmitApplication {
  return {
    type: 'SubmitApplication',
    data: {
      applicationId: 'app-0001',
      applicationNumber: '花法援申〔2025〕00123号',
      channel: { kind: 'counter' },
      applicant: zhangSan,
      recipient: null,
      applicantRelation: 'self',
      matterType: 'employment_or_wages',
      aidForm: 'labour_dispute_representation',
      opposingParty: '某建筑劳务有限公司',
      courtOrAuthority: '花都区人民法院',
      summary: '追讨拖欠工资三个月',
      documents: [{ name: '劳动合同.pdf', contentHash: 'sha256:ab12', sizeBytes: 20480 }],
      competenceFacts: huaduCourt,
      applicantChoice: null,
      openApplications: [],
      ...change,
    },
  };
}

/** The district's lawyer registry: 陈 practising since 2020-06 (5 years in late 2025), 李 since 2023-06 (2 years), 王 inactive. */
export const lawyerRegistry: LawyerRegistryState = {
  status: 'kept',
  districtId: 'org-huadu',
  lawyers: [
    { lawyerId: 'lawyer-chen', name: '陈律师', licenceNumber: '14401201510000001', firmId: 'firm-zhengyi', firmName: '广东正义律师事务所', relevantPracticeSince: '2020-06-01', specialties: ['labour'], active: true, deactivatedReason: null },
    { lawyerId: 'lawyer-li', name: '李律师', licenceNumber: '14401202310000002', firmId: 'firm-zhengyi', firmName: '广东正义律师事务所', relevantPracticeSince: '2023-06-01', specialties: [], active: true, deactivatedReason: null },
    { lawyerId: 'lawyer-wang', name: '王律师', licenceNumber: '14401200010000003', firmId: 'firm-zhengyi', firmName: '广东正义律师事务所', relevantPracticeSince: '2000-01-01', specialties: [], active: false, deactivatedReason: '转所' },
  ],
};
/** An assignment's lawyer, named by id, with the registry the route reads. */
export const lawyer = { lawyerId: 'lawyer-chen', registry: lawyerRegistry };
export const juniorLawyer = { lawyerId: 'lawyer-li', registry: lawyerRegistry };
