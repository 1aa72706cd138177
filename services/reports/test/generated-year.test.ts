// The report on a generated district-year (issue 21: "report figures equal independently computed counts
// on a generated year"): @bureau/year-generator writes 花都's 2025 through the services' own deciders and
// counts what it wrote as it goes; the report, computed from the facts its projection drew from those
// events, must give the same figures. Each drill-down list is as long as its figure.
import { formatPosition } from '@bureau/event-store';
import { eventually } from '@bureau/testing';
import { generateYear } from '@bureau/year-generator';
import t from 'tap';
import { FACTS_PROJECTION } from '../src/read-models/facts-projection.js';
import { reportsFixture } from './support/app.js';

const SCALE = 0.05;

t.test(`a ${SCALE}x generated year: the report's figures are the generator's own counts`, async (t) => {
  const f = await reportsFixture(t, new Date('2026-03-01T02:00:00Z'));
  const store = f.app.eventStore;
  const summary = await generateYear({ store, scale: SCALE, seed: 'reports-generated-year', year: 2025 });
  // Readers see only what is older than every transaction still running in the cluster (other test files
  // write beside this one): wait until everything committed is readable, then take the head.
  await eventually(async () => {
    const [visible, committed] = [await store.headPosition(), await store.lastCommittedPosition()];
    return visible && committed && formatPosition(visible) === formatPosition(committed);
  }, 30_000, 'every committed event readable');
  const head = await store.headPosition();
  if (!head) throw new Error('nothing written');
  t.equal(await f.app.reportsReadModels.engine.waitForPosition(FACTS_PROJECTION, head, 60_000), 'reached', `facts drawn from all ${summary.events} events (${formatPosition(head)})`);
  const huadu = summary.districts.huadu;
  if (!huadu) throw new Error('no 花都 in the summary');
  // The generated stations and villages are new organisations: the service reloads its registry on its own
  // subscription's time; here at once, so that the figures below are not taken before it has.
  await f.app.organisations.refresh();

  const yearOf = async (year: number) => {
    const res = await f.get(`/reports/huadu/${year}`);
    t.equal(res.statusCode, 200, res.body);
    return res.json().districts[0] as { figures: Record<string, { value: number; drillDown?: string }> };
  };
  const [y2025, y2026] = [await yearOf(2025), await yearOf(2026)];
  const value = (key: string) => y2025.figures[key]?.value;
  t.equal(value('walk_in_persons'), huadu.walkIns.persons, '来访咨询 人次');
  t.equal(value('walk_in_visits'), huadu.walkIns.visits, 'visits');
  t.equal(value('work_orders'), huadu.hotline.dispatched, '12345 工单 件');
  t.equal(value('advisor_services'), huadu.advisors.services, '法律顾问服务 件/次');
  // 宗 counts by the date of the decision, in the district that decided (a 市域通办 transfer's grant is
  // 白云's): a late-December application may be granted in January.
  t.equal((value('legal_aid_cases') ?? 0) + (y2026.figures.legal_aid_cases?.value ?? 0), huadu.legalAid.approved + huadu.legalAid.notifiedAssigned, '法律援助 宗: granted plus notified cases assigned, 2025 and its tail in 2026');

  // Each drill-down list's length is its figure.
  for (const key of ['walk_in_visits', 'work_orders', 'advisor_services', 'legal_aid_cases']) {
    const list = await f.get(`/reports/huadu/2025/figures/${key}/facts?limit=1`);
    t.equal(list.statusCode, 200, list.body);
    t.equal(list.json().total, value(key), `${key}: the drill-down counts the figure`);
  }
});
