// The bench's city-and-decade read model: applications of about 10 events each, decided by the service's
// own decider (so every event is one the service would write), received over ten years in the demo
// city's two districts: submitted, materials asked and supplied, economic status, approved, a lawyer
// assigned, closed, followed up, graded.
import { residentIdCheckCharacter } from '@bureau/person-schemas';
import { createOfficialWorkingCalendar } from '@bureau/working-calendar';
import {
  decide, evolve, initialState, legalAidRules,
  type LegalAidCommand, type LegalAidEvent, type LegalAidState, type LawyerRegistryState, type OfficeDirectory,
} from '../src/domain/index.js';

const rules = legalAidRules(createOfficialWorkingCalendar());
const FAMILY = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明'];

export function residentIdOf(i: number): string {
  const birth = `19${String(50 + (i % 50)).padStart(2, '0')}0${1 + (i % 9)}${String(10 + (i % 18)).padStart(2, '0')}`;
  const first17 = `440114${birth}${String(i % 1000).padStart(3, '0')}`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}
export const nameOf = (i: number) => `${FAMILY[i % FAMILY.length]}${GIVEN[Math.floor(i / FAMILY.length) % GIVEN.length]}${GIVEN[Math.floor(i / 256) % GIVEN.length]}`;

const registry = (districtId: string): LawyerRegistryState => ({
  status: 'kept', districtId,
  lawyers: [{ lawyerId: `${districtId}-lawyer-1`, name: '陈律师', licenceNumber: '14401201010000001', firmId: `${districtId}-firm`, firmName: '某所', relevantPracticeSince: '2010-01-01', specialties: [], active: true, deactivatedReason: null }],
});

/** Application `i` of `n`: its events, as its stream holds them. */
export function historyOf(i: number, n: number, offices: OfficeDirectory): LegalAidEvent[] {
  const district = i % 2 === 0 ? 'huadu' : 'baiyun';
  const office = { id: `${district}-legal-aid`, kind: 'legal_aid_office' as const };
  const station = { id: district === 'huadu' ? 'huadu-station-xinhua' : 'baiyun-station-jingtai', kind: 'legal_aid_station' as const };
  // Spread over ten years (2017-2026), on weekday mornings.
  const day = Math.floor((i / n) * 3650);
  const received = new Date(Date.UTC(2017, 0, 2, 1, 30) + day * 86_400_000);
  if (received.getUTCDay() === 0) received.setUTCDate(received.getUTCDate() + 1);
  if (received.getUTCDay() === 6) received.setUTCDate(received.getUTCDate() + 2);
  const at = (days: number) => new Date(received.getTime() + days * 86_400_000);
  const steps: [LegalAidCommand, Date, { id: string; kind: 'legal_aid_office' | 'legal_aid_station' }][] = [
    [{
      type: 'SubmitApplication',
      data: {
        applicationId: `bench-${i}`, applicationNumber: `${district === 'huadu' ? '花' : '白'}法援申〔${received.getUTCFullYear()}〕${String(i).padStart(6, '0')}号`,
        channel: { kind: 'counter' },
        applicant: { name: nameOf(i), document: { type: 'resident_id', number: residentIdOf(i) }, birthDate: null, phone: '13912345678', address: '某街道1号', groups: i % 10 === 0 ? ['elderly'] : [] },
        recipient: null, applicantRelation: 'self', matterType: 'employment_or_wages', aidForm: 'labour_dispute_representation',
        opposingParty: `某公司${i % 500}`, courtOrAuthority: null, summary: '追讨拖欠工资', documents: [],
        competenceFacts: { kind: 'non_litigation', disputeAuthority: null, disputeAuthoritySits: null, matterAroseIn: { districtId: district } },
        applicantChoice: null, openApplications: [],
      },
    }, received, station],
    [{ type: 'RequestMaterials', data: { items: ['劳动合同'] } }, at(1), office],
    [{ type: 'SupplyMaterials', data: { items: ['劳动合同'] } }, at(3), office],
    [{ type: 'RecordEconomicStatus', data: { status: { kind: 'personal_pledge', pledgeSignedAt: received } } }, at(3), office],
    [{ type: 'ApproveApplication', data: {} }, at(5), office],
    [{ type: 'AssignLawyer', data: { lawyerId: `${district}-lawyer-1`, registry: registry(district), openCases: [] } }, at(6), office],
    [{ type: 'CloseCase', data: { outcome: 'mediation', summary: '调解结案' } }, at(60), office],
    [{ type: 'RecordFollowUp', data: { followUpId: 'fu-1', satisfied: true, note: '满意' } }, at(65), office],
    [{ type: 'ReviewQuality', data: { grade: i % 3 === 0 ? 'excellent' : 'good', note: '规范' } }, at(70), office],
  ];
  // The newest tenth stays open in review (the worklists have work in them).
  const open = i >= n * 0.9;
  let state: LegalAidState = initialState();
  const events: LegalAidEvent[] = [];
  for (const [command, now, organisation] of open ? steps.slice(0, 1) : steps) {
    for (const event of decide(command, state, { now, rules, organisation, offices })) {
      events.push(event);
      state = evolve(state, event);
    }
  }
  return events;
}
