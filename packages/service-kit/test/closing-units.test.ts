// Whose close freezes an organisation's figures: its open district's statistician, or the city's for the
// city's own organisations (市本级) and what is left in a district since closed, as the reports service
// counts its rows (services/reports/src/routes/units.ts).
import t from 'tap';
import { closingUnitOf, closingUnitsFor, organisationsClosedUnder, type RegisteredOrganisation } from '../src/periods/closing-units.js';

const org = (id: string, kind: string, parentId: string | null, closed = false): [string, RegisteredOrganisation] => [id, { id, kind, parentId, closed }];
const registry = {
  organisations: new Map([
    org('gz', 'city', null),
    org('gz-bureau', 'justice_bureau', 'gz'),
    org('gz-legal-aid', 'legal_aid_office', 'gz'),
    org('gz-station', 'legal_aid_station', 'gz-legal-aid'),
    org('huadu', 'district', 'gz'),
    org('huadu-legal-aid', 'legal_aid_office', 'huadu'),
    org('huadu-station', 'legal_aid_station', 'huadu-legal-aid', true),
    org('old', 'district', 'gz', true),
    org('old-plsc', 'public_legal_service_centre', 'old'),
  ]),
};

t.test('a district\'s organisations close with it; the city\'s own, and a closed district\'s, with the city', async (t) => {
  t.equal(closingUnitOf(registry, 'huadu-legal-aid'), 'huadu');
  t.equal(closingUnitOf(registry, 'huadu-station'), 'huadu', 'a closed station still counts in its open district');
  t.equal(closingUnitOf(registry, 'huadu'), 'huadu');
  t.equal(closingUnitOf(registry, 'gz-legal-aid'), 'gz', 'the city\'s legal-aid office: 市本级');
  t.equal(closingUnitOf(registry, 'gz-station'), 'gz', 'its station too');
  t.equal(closingUnitOf(registry, 'gz'), 'gz');
  t.equal(closingUnitOf(registry, 'old-plsc'), 'gz', 'a closed district\'s centre: the city\'s own row');
  t.equal(closingUnitOf(registry, 'nowhere'), undefined, 'unknown: no unit');
  t.same(closingUnitsFor(registry, null), ['gz', 'huadu']);
  t.same(closingUnitsFor(registry, ['huadu-legal-aid', 'huadu-station', 'nowhere']), ['huadu'], 'a district\'s reach: its own close only');
  t.same([...organisationsClosedUnder(registry, 'gz')].sort(), ['gz', 'gz-bureau', 'gz-legal-aid', 'gz-station', 'old', 'old-plsc']);
});
