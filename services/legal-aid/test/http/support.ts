// The legal-aid service on a fresh PostgreSQL database (the demo city's registry: 花都 and 白云, each with
// its legal-aid office and a station, the city office), with a settable clock, tokens per role and
// organisation, a log capture, and helpers to submit applications and send commands.
import { residentIdCheckCharacter } from '@bureau/person-schemas';
import { captureLogs, signTestToken } from '@bureau/service-kit/testing';
import { freshDatabase } from '@bureau/testing';
import { randomUUID } from 'node:crypto';
import { buildLegalAidApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export const JWT_SECRET = 'legal-aid-test-secret-0123456789abcdef';

/** An instant from Asia/Shanghai wall-clock time, e.g. local('2026-03-02 10:00'). */
export function local(dateTime: string): Date {
  return new Date(`${dateTime.replace(' ', 'T')}:00+08:00`);
}

/** A valid resident ID (GB 11643) born on `birth` (YYYYMMDD), with sequence `seq`. */
export function residentId(birth: string, seq: number, area = '440114'): string {
  const first17 = `${area}${birth}${String(seq).padStart(3, '0')}`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}

export const ORG = {
  huaduStation: 'huadu-station-xinhua',
  huaduOffice: 'huadu-legal-aid',
  huaduBureau: 'huadu-bureau',
  baiyunStation: 'baiyun-station-jingtai',
  baiyunOffice: 'baiyun-legal-aid',
  baiyunBureau: 'baiyun-bureau',
  city: 'gz',
  cityOffice: 'gz-legal-aid',
} as const;

export const huaduFacts = { kind: 'non_litigation', disputeAuthority: '花都区劳动人事争议仲裁委员会', disputeAuthoritySits: { districtId: 'huadu' }, matterAroseIn: { districtId: 'huadu' } } as const;
export const baiyunFacts = { kind: 'litigation', caseAuthority: '白云区人民法院', authoritySits: { districtId: 'baiyun' } } as const;

/** A submission's body: a wage claim against a company, taken at the counter. */
export function application(overrides: Record<string, unknown> = {}, person: { name?: string; id?: string; phone?: string } = {}) {
  return {
    commandId: randomUUID(),
    channel: { kind: 'counter' },
    applicant: {
      name: person.name ?? '李四光',
      document: { type: 'resident_id', number: person.id ?? residentId('19800101', 123) },
      phone: person.phone ?? '13912345678',
      address: '花都区新华街道1号',
      groups: [],
    },
    matterType: 'employment_or_wages',
    aidForm: 'labour_dispute_representation',
    opposingParty: '某某建筑有限公司',
    summary: '追讨拖欠工资三个月',
    competenceFacts: huaduFacts,
    ...overrides,
  };
}

export class TestClock {
  constructor(public now: Date) {}
  set(dateTime: string): Date {
    this.now = local(dateTime);
    return this.now;
  }
}

export async function legalAidFixture(t: Teardown, options: { readonly start?: string; readonly env?: Record<string, string>; readonly logLevel?: string } = {}) {
  const databaseUrl = await freshDatabase(t, 'legal_aid');
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    LOG_LEVEL: options.logLevel ?? 'warn',
    CITY_ID: 'gz',
    ORGANISATIONS_SEED: 'demo',
    LEGAL_AID_IDENTITY_HASH_KEY: 'legal-aid-test-identity-hash-key-0123456789',
    ...options.env,
  });
  const clock = new TestClock(local(options.start ?? '2026-03-02 09:00'));
  const logs = captureLogs();
  const app = await buildLegalAidApp(config, {
    clock: () => clock.now,
    logStream: logs.stream,
    readModels: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 },
    reconcileOnTimer: false,
  });
  t.teardown(() => app.close());
  await app.ready();
  // The read model's tables are created by the engine once it runs: wait for them.
  for (let i = 0; ; i += 1) {
    const { rows } = await app.pg.query(`SELECT to_regclass('public.legal_aid_files') AS t`);
    if (rows[0]?.t) break;
    if (i > 400) throw new Error('the read model was never created');
    await new Promise((r) => setTimeout(r, 25));
  }

  const token = (role: string, org: string, sub = `${role}@${org}`) => `Bearer ${signTestToken(JWT_SECRET, { sub, role, org })}`;
  const tokens = {
    huaduClerk: token('station_clerk', ORG.huaduStation),
    huaduReviewer: token('legal_aid_reviewer', ORG.huaduOffice),
    huaduHead: token('legal_aid_head', ORG.huaduOffice),
    huaduObjections: token('objection_handler', ORG.huaduBureau),
    huaduAuditor: token('auditor', ORG.huaduBureau),
    baiyunClerk: token('station_clerk', ORG.baiyunStation),
    baiyunReviewer: token('legal_aid_reviewer', ORG.baiyunOffice),
    baiyunHead: token('legal_aid_head', ORG.baiyunOffice),
    baiyunObjections: token('objection_handler', ORG.baiyunBureau),
    huaduAdmin: token('administrator', ORG.huaduBureau),
    baiyunAdmin: token('administrator', ORG.baiyunBureau),
    cityAuditor: token('city_auditor', ORG.city),
    cityAdmin: token('city_administrator', ORG.city),
  };

  const submit = (body: object, authorization = tokens.huaduClerk) => app.inject({ method: 'POST', url: '/applications', headers: { authorization }, payload: body });
  const post = (caseId: string, action: string, body: object = {}, authorization = tokens.huaduHead) =>
    app.inject({ method: 'POST', url: `/files/${caseId}/${action}`, headers: { authorization }, payload: { commandId: randomUUID(), ...body } });
  const get = (url: string, authorization = tokens.huaduHead) => app.inject({ method: 'GET', url, headers: { authorization } });
  /** Every stream with its revision: "nothing was written" is checked here. */
  const streamRevisions = async () => {
    const { rows } = await app.pg.query<{ stream_name: string; revision: string }>('SELECT stream_name, revision FROM event_store.streams ORDER BY stream_name');
    return rows.map((r) => `${r.stream_name}@${r.revision}`);
  };
  /** The position to wait for in a read (?after=), from a write's answer. */
  const after = (response: { json(): unknown }) => {
    const body = response.json() as { position: string | null };
    return body.position ? `after=${encodeURIComponent(body.position)}` : '';
  };
  /** Registers a lawyer on a district's registry (by its administrator); the firm's name is `firmId`'s unless given. */
  const registerLawyer = async (districtId: 'huadu' | 'baiyun', lawyer: { lawyerId: string; since: string; name?: string; firmId?: string; firmName?: string; licenceNumber?: string }) => {
    const res = await app.inject({
      method: 'POST', url: `/districts/${districtId}/lawyers`, headers: { authorization: districtId === 'huadu' ? tokens.huaduAdmin : tokens.baiyunAdmin },
      payload: {
        commandId: randomUUID(), lawyerId: lawyer.lawyerId, name: lawyer.name ?? `${lawyer.lawyerId}律师`,
        licenceNumber: lawyer.licenceNumber ?? String(14401000000000000 + Math.floor(Math.random() * 1e9)), firmId: lawyer.firmId ?? 'firm-1',
        firmName: lawyer.firmName ?? `${lawyer.firmId ?? 'firm-1'}律师事务所`, relevantPracticeSince: lawyer.since, specialties: [],
      },
    });
    if (res.statusCode !== 200) throw new Error(`registering ${lawyer.lawyerId}: ${res.statusCode} ${res.body}`);
    return res;
  };
  /** Uploads a scan (POST /scans); answers what a submission's `documents` names. */
  const uploadScan = async (name: string, content: Buffer, mediaType = 'image/png', authorization = tokens.huaduClerk) => {
    const res = await app.inject({ method: 'POST', url: '/scans', headers: { authorization, 'content-type': mediaType }, payload: content });
    if (res.statusCode !== 200) throw new Error(`uploading ${name}: ${res.statusCode} ${res.body}`);
    const { contentHash, sizeBytes } = res.json() as { contentHash: string; sizeBytes: number };
    return { name, contentHash, sizeBytes };
  };
  return { app, config, logs, clock, token, tokens, submit, post, get, streamRevisions, after, registerLawyer, uploadScan };
}

export type LegalAidFixture = Awaited<ReturnType<typeof legalAidFixture>>;
