// Art. 38, as a pure function over the recorded facts and the city's offices: litigation → where the
// case-handling authority sits; otherwise where the dispute-handling authority sits or the matter arose;
// several competent → the applicant chooses; a city-level authority → the city's office.
import t from 'tap';
import { competentOffices, proposeCompetentOffice } from '../../src/domain/index.js';
import { given, historyOf } from './support/given.js';
import { baiyunOffice, cityOffice, huaduOffice, offices, receivedAt, submit } from './support/fixtures.js';

const nonLitigation = (dispute: string | null, arose: string | null) =>
  ({
    kind: 'non_litigation',
    disputeAuthority: dispute === null ? null : '劳动人事争议仲裁委员会',
    disputeAuthoritySits: dispute === null ? null : { districtId: dispute },
    matterAroseIn: arose === null ? null : { districtId: arose },
  }) as const;

t.test('Art. 38: litigation goes to the office where the case-handling authority sits', async (t) => {
  t.strictSame(competentOffices({ kind: 'litigation', caseAuthority: '白云区人民法院', authoritySits: { districtId: 'org-baiyun' } }, offices), [baiyunOffice]);
  t.strictSame(competentOffices({ kind: 'litigation', caseAuthority: '广州市中级人民法院', authoritySits: { cityLevel: true } }, offices), [cityOffice], 'a city-level court: the city office');
});

t.test('Art. 38: non-litigation goes where the dispute-handling authority sits or where the matter arose', async (t) => {
  t.strictSame(competentOffices(nonLitigation('org-huadu', null), offices), [huaduOffice]);
  t.strictSame(competentOffices(nonLitigation(null, 'org-baiyun'), offices), [baiyunOffice]);
  t.strictSame(competentOffices(nonLitigation('org-huadu', 'org-huadu'), offices), [huaduOffice], 'the same office once');
  t.strictSame(competentOffices(nonLitigation('org-huadu', 'org-baiyun'), offices), [huaduOffice, baiyunOffice]);
  t.strictSame(competentOffices(nonLitigation(null, 'org-elsewhere'), offices), [], 'a district with no office in the directory');
});

t.test('Art. 38: where several offices are competent, the applicant chooses', async (t) => {
  const facts = nonLitigation('org-huadu', 'org-baiyun');
  t.strictSame(proposeCompetentOffice(facts, offices, null), { kind: 'applicant_choice_required', candidates: [huaduOffice, baiyunOffice] });
  t.strictSame(proposeCompetentOffice(facts, offices, baiyunOffice), { kind: 'settled', competentOfficeId: baiyunOffice, candidates: [huaduOffice, baiyunOffice], basis: 'applicant_choice' });
  t.strictSame(proposeCompetentOffice(facts, offices, cityOffice), { kind: 'choice_not_competent', candidates: [huaduOffice, baiyunOffice] });
  // The same at the counter.
  given().when(submit({ competenceFacts: facts }), receivedAt).thenBroken(t, 'applicant_choice_required');
  given().when(submit({ competenceFacts: facts, applicantChoice: cityOffice }), receivedAt).thenBroken(t, 'choice_not_competent');
  given().when(submit({ competenceFacts: nonLitigation(null, null) }), receivedAt).thenBroken(t, 'no_competent_office');
  const chosen = historyOf({ command: submit({ competenceFacts: facts, applicantChoice: baiyunOffice }), now: receivedAt });
  t.match(chosen[0]?.data, { competence: { competentOfficeId: baiyunOffice, basis: 'applicant_choice', candidateOfficeIds: [huaduOffice, baiyunOffice] } });
});
