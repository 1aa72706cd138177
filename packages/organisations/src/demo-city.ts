// A small city for development (`npm start`) and tests: two districts, each with its public legal service
// centre, legal-aid office and stations, a township with its judicial office and villages; and the city's
// own bureau and legal-aid office. The ids are what the development tokens and the tests' tokens name.
import { commandEventId, handleCommand } from '@bureau/service-kit';
import type { EventStore } from '@bureau/event-store';
import type { OrganisationKind } from './kinds.js';
import type { RegistryBook } from './registry-book.js';
import { registryDecider } from './registry-decider.js';
import { organisationEvents } from './registry-events.js';

export type OrganisationRow = readonly [id: string, kind: OrganisationKind, name: string, parentId: string | null];

export const DEMO_CITY_ID = 'gz';

/** Parents before children. */
export const DEMO_CITY: readonly OrganisationRow[] = [
  ['gz', 'city', '广州市', null],
  ['gz-bureau', 'justice_bureau', '广州市司法局', 'gz'],
  ['gz-legal-aid', 'legal_aid_office', '广州市法律援助处', 'gz'],
  ['huadu', 'district', '花都区', 'gz'],
  ['huadu-bureau', 'justice_bureau', '花都区司法局', 'huadu'],
  ['huadu-plsc', 'public_legal_service_centre', '花都区公共法律服务中心', 'huadu'],
  ['huadu-legal-aid', 'legal_aid_office', '花都区法律援助处', 'huadu'],
  ['huadu-station-xinhua', 'legal_aid_station', '花都区新华街法律援助工作站', 'huadu-legal-aid'],
  ['huadu-xinhua', 'township', '新华街道', 'huadu'],
  ['huadu-xinhua-so', 'judicial_office', '新华司法所', 'huadu-xinhua'],
  ['huadu-xinhua-sanhua', 'village', '三华村', 'huadu-xinhua'],
  ['huadu-xinhua-xinjie', 'village', '新街社区', 'huadu-xinhua'],
  ['baiyun', 'district', '白云区', 'gz'],
  ['baiyun-bureau', 'justice_bureau', '白云区司法局', 'baiyun'],
  ['baiyun-plsc', 'public_legal_service_centre', '白云区公共法律服务中心', 'baiyun'],
  ['baiyun-legal-aid', 'legal_aid_office', '白云区法律援助处', 'baiyun'],
  ['baiyun-station-jingtai', 'legal_aid_station', '白云区景泰街法律援助工作站', 'baiyun-legal-aid'],
  ['baiyun-jingtai', 'township', '景泰街道', 'baiyun'],
  ['baiyun-jingtai-so', 'judicial_office', '景泰司法所', 'baiyun-jingtai'],
  ['baiyun-jingtai-v1', 'village', '景泰社区', 'baiyun-jingtai'],
];

/**
 * Registers `rows` on the registry's stream, each as the city administrator's command with an id derived
 * from the organisation's, so running it again (every start of every service) changes nothing.
 */
export async function registerOrganisations(store: EventStore, book: RegistryBook, rows: readonly OrganisationRow[], at: Date): Promise<void> {
  await book.refresh();
  for (const [id, kind, name, parentId] of rows) {
    if (book.current().organisations.has(id)) continue;
    await handleCommand({
      store, registry: organisationEvents, decider: registryDecider, streamName: book.streamName,
      command: { type: 'RegisterOrganisation', data: { id, kind, name, parentId, by: 'seed', at } },
      context: {
        commandId: commandEventId(`register-organisation:${book.cityId}:${id}`, 0),
        actor: { id: 'seed', role: 'city_administrator', organisation: book.cityId },
        occurredAt: at,
      },
    });
  }
  await book.refresh();
}

/** The demo city, on a service's own registry (config ORGANISATIONS_SEED=demo, development only). */
export async function registerDemoCity(app: { readonly eventStore: EventStore; readonly organisations: RegistryBook }, at: Date): Promise<void> {
  if (app.organisations.cityId !== DEMO_CITY_ID) throw new Error(`the demo registry is the city ${DEMO_CITY_ID}'s; CITY_ID is ${app.organisations.cityId}`);
  await registerOrganisations(app.eventStore, app.organisations, DEMO_CITY, at);
}
