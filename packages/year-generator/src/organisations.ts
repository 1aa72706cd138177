// The organisations a generated year needs, registered through @bureau/organisations' events exactly as
// the demo seed registers them (the city administrator's RegisterOrganisation, command ids derived from
// the organisation's id), on the demo city 广州 (gz): its 花都 district is extended (1x), then 白云 and
// eight generated districts make the city (10x), and generated districts up to a hundred the province
// (100x, held as districts of the one city the registry keeps). New ids are `<district>-g..`, which
// DEMO_CITY does not use.
import { StreamNotFoundError, type EventStore } from '@bureau/event-store';
import {
  DEMO_CITY, DEMO_CITY_ID, organisationEvents, registryDecider, registryStreamOf,
  type OrganisationEvent, type OrganisationKind, type OrganisationRow, type RegistryState,
} from '@bureau/organisations';
import { commandEventId, readStreamState } from '@bureau/service-kit';
import { StreamBuilder } from './writer.js';

export interface TownshipPlan {
  readonly id: string;
  readonly judicialOfficeId: string;
  readonly villages: readonly { readonly id: string; readonly name: string }[];
}

export interface DistrictPlan {
  readonly id: string;
  readonly name: string;
  readonly bureauId: string;
  readonly centreId: string;
  readonly officeId: string;
  readonly stationIds: readonly string[];
  readonly townships: readonly TownshipPlan[];
}

const TOWNS = ['狮岭镇', '炭步镇', '赤坭镇', '梯面镇', '花东镇', '花山镇', '秀全街道', '新雅街道', '花城街道', '雅瑶镇', '北兴镇', '芙蓉镇'];
const FIRST = ['东', '西', '南', '北', '新', '大', '石', '高', '龙', '马', '金', '黄', '水', '平', '联', '福', '莲', '松'];
const SECOND = ['岭', '塘', '坑', '围', '田', '岗', '头', '湖', '布', '溪', '边', '山', '安', '和'];

/** The existing demo districts first (花都, 白云), then generated ones. */
function districtIds(count: number): { id: string; name: string; existing: boolean }[] {
  const demo = [{ id: 'huadu', name: '花都区', existing: true }, { id: 'baiyun', name: '白云区', existing: true }];
  const generated = Array.from({ length: Math.max(0, count - 2) }, (_, i) => ({ id: `gd${String(i + 3).padStart(3, '0')}`, name: `演示第${i + 3}区`, existing: false }));
  return [...demo, ...generated].slice(0, Math.max(count, 1));
}

/** The plan: `districts` districts, each with `townships` townships and `villages` villages spread over them. */
export function planDistricts(districts: number, townships: number, villages: number): DistrictPlan[] {
  return districtIds(districts).map(({ id, name }) => {
    const towns: TownshipPlan[] = Array.from({ length: townships }, (_, t) => {
      const townId = `${id}-g${String(t + 1).padStart(2, '0')}`;
      const count = Math.floor(villages / townships) + (t < villages % townships ? 1 : 0);
      return {
        id: townId,
        judicialOfficeId: `${townId}-so`,
        villages: Array.from({ length: count }, (_, v) => ({
          id: `${townId}-v${String(v + 1).padStart(3, '0')}`,
          name: `${FIRST[(t * 7 + v) % FIRST.length]}${SECOND[(v * 3 + t) % SECOND.length]}${v % 4 === 3 ? '社区' : '村'}`,
        })),
      };
    });
    return {
      id, name, bureauId: `${id}-bureau`, centreId: `${id}-plsc`, officeId: `${id}-legal-aid`,
      stationIds: [id === 'huadu' ? 'huadu-station-xinhua' : id === 'baiyun' ? 'baiyun-station-jingtai' : `${id}-station-g00`, ...[1, 2, 3, 4].map((s) => `${id}-station-g${String(s).padStart(2, '0')}`)],
      townships: towns,
    };
  });
}

/** The registry rows for the plan (parents first), beyond DEMO_CITY's. */
export function rowsOf(plan: readonly DistrictPlan[]): OrganisationRow[] {
  const rows: OrganisationRow[] = [];
  const add = (id: string, kind: OrganisationKind, name: string, parentId: string) => rows.push([id, kind, name, parentId]);
  for (const d of plan) {
    if (d.id !== 'huadu' && d.id !== 'baiyun') {
      add(d.id, 'district', d.name, DEMO_CITY_ID);
      add(d.bureauId, 'justice_bureau', `${d.name}司法局`, d.id);
      add(d.centreId, 'public_legal_service_centre', `${d.name}公共法律服务中心`, d.id);
      add(d.officeId, 'legal_aid_office', `${d.name}法律援助处`, d.id);
    }
    d.stationIds.forEach((s, i) => {
      if (s === 'huadu-station-xinhua' || s === 'baiyun-station-jingtai') return;
      add(s, 'legal_aid_station', `${d.name}第${i}法律援助工作站`, d.officeId);
    });
    d.townships.forEach((t, i) => {
      const town = `${TOWNS[i % TOWNS.length]}${i >= TOWNS.length ? Math.floor(i / TOWNS.length) + 1 : ''}`;
      add(t.id, 'township', `${d.name}${town}`, d.id);
      add(t.judicialOfficeId, 'judicial_office', `${town.replace(/(镇|街道)$/, '')}司法所`, t.id);
      for (const v of t.villages) add(v.id, 'village', v.name, t.id);
    });
  }
  return rows;
}

/**
 * Registers DEMO_CITY and `rows` on the city's registry stream: each row the city administrator's
 * RegisterOrganisation decided by the registry's decider, with registerOrganisations' own command ids
 * (so the services' demo seed, run later, finds its rows there), appended in chunks. Returns the state.
 */
export async function registerPlan(store: EventStore, rows: readonly OrganisationRow[], at: Date): Promise<{ state: RegistryState; registered: number }> {
  const streamName = registryStreamOf(DEMO_CITY_ID);
  const read = await readStreamState(store, organisationEvents, registryDecider, streamName).catch((error: unknown) => {
    if (error instanceof StreamNotFoundError) return { state: registryDecider.initialState(), revision: -1n };
    throw error;
  });
  const builder = new StreamBuilder<RegistryState, OrganisationEvent>(streamName, organisationEvents, registryDecider.evolve, read.state, read.revision);
  const actor = { id: 'seed', role: 'city_administrator', organisation: DEMO_CITY_ID };
  let registered = 0;
  for (const [id, kind, name, parentId] of [...DEMO_CITY, ...rows]) {
    const commandId = commandEventId(`register-organisation:${DEMO_CITY_ID}:${id}`, 0);
    registered += builder.run(commandId, actor, at, (state) => registryDecider.decide({ type: 'RegisterOrganisation', data: { id, kind, name, parentId, by: 'seed', at } }, state)).length;
    if (builder.pendingCount >= 500) await builder.flush(store);
  }
  await builder.flush(store);
  return { state: builder.state, registered };
}
