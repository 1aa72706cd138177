// The heaviest list pages against province-scale read models, in a real browser: the hotline worklist
// (35,000 orders) and the legal-aid worklist and a name search (240,000 files), about 100 district-years
// (50 districts' centres and offices, two years each), most closed, a realistic share open. Each page
// must be usable within a second (median of three navigations) with the total shown being the signed-in
// person's district's own share, never another's.
//
// The rows are written by set-based SQL (INSERT ... SELECT ... FROM generate_series), NOT through the
// services: writing 275,000 files' events through the commands and projections would take far too long
// for a test, and the projections themselves are tested elsewhere (each service's read-model tests).
// They go into the active generation's physical tables, created by the services' own projections at
// start (the columns and indexes exactly theirs), after the services have started: the projections'
// checkpoints and versions stay as the engine left them, so nothing rebuilds or wipes the rows. Then
// ANALYZE, as autovacuum would on a live database, so the planner sees the real sizes. (The indexes are
// dropped for the insert and rebuilt from their own definitions after it: a build is quicker than upkeep.)
import type { Page } from 'playwright-core';
import pg from 'pg';
import t from 'tap';
import { hashTo, launchBrowser, medianUsable, newPage, shot, signInAs, USABLE_BAR_MS } from './support/browser.js';
import { startConsole, startHotline, startLegalAid } from './support/platform.js';
import { activeTable, fillTable } from './support/set-based-fill.js';

const USABLE_MS = USABLE_BAR_MS;
/** 50 districts × 2 years ≈ a province's 100 district-years. Row i belongs to district i % 50 (0: 花都, 1: 白云). */
const DISTRICTS = 50;
// What varies within a district varies with k = i / 50 (i's own residues would be one district's constant).
const ORDERS = 35_000;
const FILES = 240_000;
/** Of each district's orders (k = i / 50), one in 25 still with the centre; of its files, one in 20 still in the worklist. */
const ORDER_OPEN_EVERY = 25;
const FILE_OPEN_EVERY = 20;
/** Eleven family names (k % 11) and the given names by k / 7, so whose name it is does not follow whether the file is open (k % 20). */
const FAMILY = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '孙'];
const GIVEN = ['小明', '建国', '秀英', '志强', '丽', '伟', '芳', '军', '小红', '海'];
/** The name searched: a family name and one more character (王小明, 王小红). */
const SEARCHED = '王小';

const home = (page: Page) => async () => {
  await hashTo(page, '#/');
  await page.locator('ul.cards').waitFor();
};

/** Each district's share by the generator's own formula (below), counted here without SQL. */
function huaduShare() {
  let orders = 0;
  let files = 0;
  let named = 0;
  for (let i = 1; i <= FILES; i += 1) {
    if (i % DISTRICTS !== 0) continue;
    const k = Math.floor(i / DISTRICTS);
    if (i <= ORDERS && k % ORDER_OPEN_EVERY === 0) orders += 1;
    if (k % FILE_OPEN_EVERY === 0) files += 1;
    if (FAMILY[k % 11] === '王' && (GIVEN[Math.floor(k / 7) % 10] ?? '').startsWith('小')) named += 1;
  }
  return { orders, files, named };
}

const district = (i: string) => `(CASE ${i} % ${DISTRICTS} WHEN 0 THEN 'huadu' WHEN 1 THEN 'baiyun' ELSE 'p' || (${i} % ${DISTRICTS}) END)`;
const pick = (words: readonly string[], index: string) => `(ARRAY[${words.map((w) => `'${w}'`).join(',')}])[1 + (${index})]`;
/** A file's recipient; the name search's normalised name is the name itself (Chinese, no spaces), its key the first two characters. */
const NAME = `(${pick(FAMILY, 'k % 11')} || ${pick(GIVEN, 'k / 7 % 10')})`;
/** The worklist's narrow rows: an open file's, one per organisation with work on it (the projection keeps them beside the files'). */
const WORKLIST_COLUMNS = [
  'case_id', 'kind', 'application_number', 'status', 'worklist_orgs', 'receiving_org', 'competent_office', 'holder_office', 'transferred_from',
  'transferred_to', 'transfer_received_at', 'matter_type', 'green_channel', 'recipient_name', 'recipient_document_masked', 'recipient_phone_masked',
  'received_at', 'next_due_at', 'next_due_kind', 'overdue_recorded',
].join(', ');

async function fillHotline(databaseUrl: string): Promise<number> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const table = await activeTable(db, 'hotline_work_orders', 'hotline_work_orders');
    return await fillTable(db, table, `
      INSERT INTO ${table} (
        work_order_id, platform_id, owner, external_number, category, unit_role, status, citizen_name, citizen_phone, content,
        dispatched_at, platform_due_at, sign_for_due_at, signed_for_at, signed_for_by, signed_for_on_time, reply_due_at, calendar_version,
        provisional_years, return_window_ends_at, assignee_staff_id, return_requested_at, extension_requested_days, extension_days_approved,
        sign_for_overdue_recorded, reply_overdue_recorded_for, replied_at, replied_by, replied_on_time, reply_count, followed_up_at,
        satisfaction, resolved, redo_count, urge_count, supervision_count, notice_count, note_count, returned_at, merged_external_numbers,
        revision, updated_at)
      SELECT gen_random_uuid(), 'gz12345',
        CASE WHEN i % ${DISTRICTS} = 0 THEN 'huadu-plsc' ELSE ${district('i')} || '-plsc' END,
        'GZE' || lpad(i::text, 11, '0'),
        ${pick(['consultation', 'assistance', 'complaint', 'consultation'], 'k % 4')}, 'lead',
        CASE WHEN NOT open THEN (CASE WHEN k % 13 = 0 THEN 'returned' ELSE 'replied' END) WHEN k / ${ORDER_OPEN_EVERY} % 3 = 0 THEN 'awaiting_sign_for' ELSE 'handling' END,
        ${pick(FAMILY, 'k % 11')} || ${pick(GIVEN, 'k / 7 % 10')}, '139' || lpad((i % 100000000)::text, 8, '0'),
        '咨询劳动合同解除后的经济补偿如何计算，用人单位拖欠工资三个月未发',
        dispatched, NULL, dispatched + interval '1 day',
        CASE WHEN open AND k / ${ORDER_OPEN_EVERY} % 3 = 0 THEN NULL ELSE dispatched + interval '3 hours' END,
        CASE WHEN open AND k / ${ORDER_OPEN_EVERY} % 3 = 0 THEN NULL ELSE 'staff-' || (i % 7) END,
        CASE WHEN open AND k / ${ORDER_OPEN_EVERY} % 3 = 0 THEN NULL ELSE true END,
        dispatched + interval '5 days', '2026.1', '{}', dispatched + interval '1 day',
        CASE WHEN open AND k / ${ORDER_OPEN_EVERY} % 3 = 0 THEN NULL ELSE 'staff-' || (i % 7) END,
        NULL, NULL, 0, false, NULL,
        CASE WHEN open OR k % 13 = 0 THEN NULL ELSE dispatched + interval '2 days' END,
        CASE WHEN open OR k % 13 = 0 THEN NULL ELSE 'staff-' || (i % 7) END,
        CASE WHEN open OR k % 13 = 0 THEN NULL ELSE true END,
        CASE WHEN open OR k % 13 = 0 THEN 0 ELSE 1 END,
        CASE WHEN open OR k % 13 = 0 THEN NULL ELSE dispatched + interval '4 days' END,
        CASE WHEN open OR k % 13 = 0 THEN NULL ELSE 'satisfied' END,
        CASE WHEN open OR k % 13 = 0 THEN NULL ELSE true END,
        0, 0, 0, 0, 0,
        CASE WHEN NOT open AND k % 13 = 0 THEN dispatched + interval '1 hour' END,
        '{}', CASE WHEN open THEN 1 ELSE 4 END, dispatched + interval '1 hour'
      FROM (
        SELECT i, k, open,
          -- The open orders within the last 8 days (some past their reply due time: overdue); the rest over two years.
          CASE WHEN open THEN now() - (k / ${ORDER_OPEN_EVERY} * 7) * interval '1 hour'
               ELSE now() - interval '10 days' - (i::float / ${ORDERS}) * interval '720 days' END AS dispatched
        FROM (SELECT i, i / ${DISTRICTS} AS k, (i / ${DISTRICTS}) % ${ORDER_OPEN_EVERY} = 0 AS open FROM generate_series(1, ${ORDERS}) AS i) AS numbered
      ) AS orders`);
  } finally {
    await db.end();
  }
}

async function fillLegalAid(databaseUrl: string): Promise<number> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const table = await activeTable(db, 'legal_aid_files', 'legal_aid_files');
    const worklist = await activeTable(db, 'legal_aid_files', 'legal_aid_worklist');
    const counts = await activeTable(db, 'legal_aid_files', 'legal_aid_worklist_counts');
    const filesMs = await fillTable(db, table, `
      INSERT INTO ${table} (
        case_id, kind, application_number, status, open, parties, worklist_orgs, receiving_org, receiving_office, competent_office, holder_office,
        transferred_from, transferred_to, transferred_at, transfer_received_at, channel, matter_type, green_channel, custody_late,
        recipient_name, name_normalised, name_key, recipient_document_type, recipient_document_masked, recipient_identity_hash, applicant_identity_hash,
        recipient_birth_date, recipient_phone_masked, opposing_party, received_at, next_due_at, next_due_kind, overdue_recorded,
        ever_overdue, overdue_kinds, overdue_log, overdue_span, provisional_years, decision_clock, decision_working_days, approved_at,
        refused_at, withdrawn_at, deemed_withdrawn_at, preliminary_aid_at, lawyer_id, firm_id, closed_at, quality_grade,
        quality_reviewed_at, file_state, revision, updated_at)
      SELECT 'case-' || i, 'application',
        upper(left(office, 2)) || '法援申〔' || extract(year FROM received AT TIME ZONE 'Asia/Shanghai') || '〕' || lpad(k::text, 5, '0') || '号',
        status, open,
        CASE WHEN receiving = office THEN ARRAY[office] ELSE ARRAY[receiving, office] END,
        CASE WHEN receiving = office THEN ARRAY[office] ELSE ARRAY[receiving, office] END,
        receiving, office, office, office, NULL, NULL, NULL, NULL, 'counter',
        ${pick(['employment_or_wages', 'personal_injury', 'support_payment', 'criminal_defence', 'other_civil_administrative'], 'k / 3 % 5')},
        k % 7 = 0, false,
        ${NAME}, ${NAME}, left(${NAME}, 2), 'resident_id', '4401**********' || lpad((i % 10000)::text, 4, '0'),
        md5('recipient' || i), md5('applicant' || i), '1980-01-01', '139****' || lpad((i % 10000)::text, 4, '0'), '某某建筑有限公司',
        received,
        CASE WHEN open THEN received + interval '10 days' END,
        CASE WHEN NOT open THEN NULL WHEN status = 'awaiting_materials' THEN 'materials' WHEN status = 'approved' THEN 'assignment' ELSE 'review' END,
        false, false, '{}', '[]', NULL, '{}', NULL,
        CASE WHEN status IN ('closed', 'refused', 'approved') THEN 5 END,
        CASE WHEN status IN ('closed', 'approved') THEN received + interval '5 days' END,
        CASE WHEN status = 'refused' THEN received + interval '5 days' END,
        CASE WHEN status = 'withdrawn' THEN received + interval '3 days' END,
        NULL, NULL,
        CASE WHEN status = 'closed' THEN office || '-lawyer-' || (k % 60) END,
        CASE WHEN status = 'closed' THEN office || '-firm-' || (k % 8) END,
        CASE WHEN status = 'closed' THEN received + interval '9 days' END,
        NULL, NULL,
        -- The folded state a real row carries (the lists never read it, but it makes the rows their real size).
        jsonb_build_object('status', status, 'kind', 'application', 'summary', repeat('申请人称用人单位拖欠工资三个月，经劳动监察投诉未果，', 8)),
        CASE WHEN open THEN 1 ELSE 9 END, received + interval '1 hour'
      FROM (
        SELECT i, k, open, office,
          CASE WHEN i % 3 = 0 THEN station ELSE office END AS receiving,
          CASE WHEN NOT open THEN ${pick(['refused', 'withdrawn', ...Array<string>(11).fill('closed')], 'k % 13')}
               ELSE ${pick(['in_review', 'in_review', 'in_review', 'awaiting_materials', 'approved'], `k / ${FILE_OPEN_EVERY} % 5`)} END AS status,
          -- The open files within the last 14 days (those past 10 overdue, some due today); the rest over two years.
          CASE WHEN open THEN now() - (k / ${FILE_OPEN_EVERY} % 168) * interval '2 hours'
               ELSE now() - interval '20 days' - (i::float / ${FILES}) * interval '710 days' END AS received
        FROM (
          SELECT i, i / ${DISTRICTS} AS k, (i / ${DISTRICTS}) % ${FILE_OPEN_EVERY} = 0 AS open,
            ${district('i')} || '-legal-aid' AS office,
            CASE i % ${DISTRICTS} WHEN 0 THEN 'huadu-station-xinhua' WHEN 1 THEN 'baiyun-station-jingtai' ELSE ${district('i')} || '-station' END AS station
          FROM generate_series(1, ${FILES}) AS i
        ) AS numbered
      ) AS files`);
    const worklistMs = await fillTable(db, worklist, `
      INSERT INTO ${worklist} (organisation, place, ${WORKLIST_COLUMNS})
      SELECT list.organisation, list.place, ${WORKLIST_COLUMNS} FROM ${table}, unnest(worklist_orgs) WITH ORDINALITY AS list (organisation, place) WHERE open`);
    // The worklists' counts the projection keeps beside their rows (legal-aid's worklist-counts.ts): open files per set of organisations and filter.
    return filesMs + worklistMs + (await fillTable(db, counts, `
      INSERT INTO ${counts} (worklist_orgs, awaiting_materials, transferred_in, n)
      SELECT (SELECT array_agg(o ORDER BY o COLLATE "C") FROM unnest(worklist_orgs) AS o), status = 'awaiting_materials',
             COALESCE(transfer_received_at IS NOT NULL AND holder_office = transferred_to, false), count(*)
        FROM ${table} WHERE open AND worklist_orgs <> '{}' GROUP BY 1, 2, 3`));
  } finally {
    await db.end();
  }
}

t.test('the heaviest lists at a province\'s scale, in a browser', async (t) => {
  const [{ url: hotlineUrl, databaseUrl: hotlineDb }, { url: legalAidUrl, databaseUrl: legalAidDb }, browser] = await Promise.all([startHotline(t), startLegalAid(t), launchBrowser(t)]);
  const { url } = await startConsole(t, { hotline: hotlineUrl, legalAid: legalAidUrl });
  const [hotlineMs, legalAidMs] = await Promise.all([fillHotline(hotlineDb), fillLegalAid(legalAidDb)]);
  t.comment(`${ORDERS} orders written in ${Math.round(hotlineMs)} ms, ${FILES} files in ${Math.round(legalAidMs)} ms`);
  const share = huaduShare();
  t.ok(share.orders > 20 && share.files > 200 && share.named > 50, `花都's share: ${share.orders} open orders, ${share.files} open files, ${share.named} named ${SEARCHED}…`);

  t.test("the hotline worklist: the centre's open orders of 35,000", async (t) => {
    const page = await newPage(browser);
    await signInAs(page, url, 'centre_staff', 'huadu-plsc');
    const { median: ms, all } = await medianUsable(page, home(page), () => hashTo(page, '#/hotline'), `.pager .count:text-is("共 ${share.orders} 张")`);
    t.ok(ms < USABLE_MS, `worklist usable in ${Math.round(ms)} ms (median of ${all.join(', ')})`);
    t.equal(await page.locator('table.list tbody tr[data-order]').count(), Math.min(share.orders, 50), 'the first page of the centre\'s own');
    t.equal(await page.locator('table.list tbody tr[data-order]:not([data-order^="GZE"])').count(), 0, 'only orders');
    await shot(page, 'province-hotline-worklist');
    await page.context().close();
  });

  t.test("the legal-aid worklist and a search: the district's files of 240,000", async (t) => {
    const page = await newPage(browser);
    await signInAs(page, url, 'legal_aid_reviewer', 'huadu-legal-aid');
    const worklist = await medianUsable(page, home(page), () => hashTo(page, '#/intake'), `.pager .count:text-is("共 ${share.files} 件")`);
    t.ok(worklist.median < USABLE_MS, `worklist usable in ${Math.round(worklist.median)} ms (median of ${worklist.all.join(', ')})`);
    t.equal(await page.locator('table.list tbody tr[data-case]').count(), 50, 'a first page of 50');
    t.equal(await page.locator('table.list tbody tr[data-case]:not([data-case^="HU法援申"])').count(), 0, "花都's files only");
    await shot(page, 'province-intake-worklist');

    const search = await medianUsable(page, home(page), () => hashTo(page, `#/intake?q=${encodeURIComponent(SEARCHED)}`), `.pager .count:text-is("共 ${share.named} 件")`);
    t.ok(search.median < USABLE_MS, `search usable in ${Math.round(search.median)} ms (median of ${search.all.join(', ')})`);
    const names = await page.locator('table.list tbody tr[data-case] td:nth-child(2)').allTextContents();
    t.ok(names.length === Math.min(share.named, 50) && names.every((n) => n.startsWith(SEARCHED)), `the first page, every name ${SEARCHED}…`);
    t.equal(await page.locator('table.list tbody tr[data-case]:not([data-case^="HU法援申"])').count(), 0, "花都's files only");
    await shot(page, 'province-intake-search');
    await page.context().close();
  });
});
