// A small city for the tests: two districts, each with its centre, legal-aid office and a township with
// its judicial office and villages; the city's own bureau and legal-aid office.
import { foldEvents } from '@bureau/service-kit/domain';
import { registryDecider, type OrganisationCommand, type OrganisationEvent, type OrganisationKind, type RegistryState } from '../src/index.js';

const at = new Date('2026-12-01T02:00:00Z');
export const register = (id: string, kind: OrganisationKind, name: string, parentId: string | null): OrganisationCommand =>
  ({ type: 'RegisterOrganisation', data: { id, kind, name, parentId, by: 'city-admin', at } });

export const city: [string, OrganisationKind, string, string | null][] = [
  ['gz', 'city', '广州市', null],
  ['gz-bureau', 'justice_bureau', '广州市司法局', 'gz'],
  ['gz-legal-aid', 'legal_aid_office', '广州市法律援助处', 'gz'],
  ['th', 'district', '天河区', 'gz'],
  ['th-plsc', 'public_legal_service_centre', '天河区公共法律服务中心', 'th'],
  ['th-legal-aid', 'legal_aid_office', '天河区法律援助处', 'th'],
  ['th-station-1', 'legal_aid_station', '天河区石牌街法律援助工作站', 'th-legal-aid'],
  ['th-shipai', 'township', '石牌街道', 'th'],
  ['th-shipai-so', 'judicial_office', '石牌司法所', 'th-shipai'],
  ['th-shipai-v1', 'village', '石牌村', 'th-shipai'],
  ['hz', 'district', '海珠区', 'gz'],
  ['hz-plsc', 'public_legal_service_centre', '海珠区公共法律服务中心', 'hz'],
  ['hz-nanzhou', 'township', '南洲街道', 'hz'],
  ['hz-nanzhou-v1', 'village', '瑞宝村', 'hz-nanzhou'],
];

/** The registry after registering `rows` one after another through the decider. */
export function registryOf(rows = city): { state: RegistryState; events: OrganisationEvent[] } {
  const events: OrganisationEvent[] = [];
  let state = registryDecider.initialState();
  for (const [id, kind, name, parent] of rows) {
    const decided = registryDecider.decide(register(id, kind, name, parent), state);
    events.push(...decided);
    state = foldEvents(registryDecider, events);
  }
  return { state, events };
}
