// The benchmark's province: townships with their judicial offices and villages added to the demo city's
// 花都 district in one append (the registry decider folded over every registration), an advisor per
// village on the district's register, appointed for 2026.
import { registryDecider, organisationEvents, type OrganisationCommand, type RegistryState } from '@bureau/organisations';
import { handleCommand, type App } from '@bureau/service-kit';
import { randomUUID } from 'node:crypto';

export interface BenchVillage {
  readonly villageId: string;
  readonly name: string;
  readonly licenceNumber: string;
}

export async function seedProvince(app: App, adminToken: string, villages: number, villagesPerTownship: number, at: Date): Promise<BenchVillage[]> {
  const commands: OrganisationCommand[] = [];
  const seeded: BenchVillage[] = [];
  for (let v = 0; v < villages; v += 1) {
    const township = Math.floor(v / villagesPerTownship);
    const townshipId = `huadu-bench-t${township}`;
    if (v % villagesPerTownship === 0) {
      commands.push({ type: 'RegisterOrganisation', data: { id: townshipId, kind: 'township', name: `基准镇${township}`, parentId: 'huadu', by: 'bench', at } });
      commands.push({ type: 'RegisterOrganisation', data: { id: `${townshipId}-so`, kind: 'judicial_office', name: `基准司法所${township}`, parentId: townshipId, by: 'bench', at } });
    }
    const villageId = `${townshipId}-v${v}`;
    const name = `基准村${String(v).padStart(5, '0')}`;
    commands.push({ type: 'RegisterOrganisation', data: { id: villageId, kind: 'village', name, parentId: townshipId, by: 'bench', at } });
    seeded.push({ villageId, name, licenceNumber: `1440120091${String(v).padStart(7, '0')}` });
  }
  await handleCommand({
    store: app.eventStore,
    registry: organisationEvents,
    streamName: app.organisations.streamName,
    decider: {
      initialState: registryDecider.initialState,
      evolve: registryDecider.evolve,
      decide: (all: readonly OrganisationCommand[], state: RegistryState) => {
        const events = [];
        let current = state;
        for (const command of all) {
          const decided = registryDecider.decide(command, current);
          current = decided.reduce(registryDecider.evolve, current);
          events.push(...decided);
        }
        return events;
      },
    },
    command: commands,
    context: { commandId: randomUUID(), actor: { id: 'bench', role: 'city_administrator', organisation: 'gz' }, occurredAt: at },
  });
  await app.organisations.refresh();
  const post = async (url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers: { authorization: adminToken }, payload: { commandId: randomUUID(), ...payload } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.body}`);
  };
  for (const [i, v] of seeded.entries()) {
    const advisorId = `adv-bench-${i}`;
    await post('/districts/huadu/advisors', { advisorId, name: `律师${i}`, firm: '基准律师事务所', licenceNumber: v.licenceNumber, phone: '13800000000' });
    await post(`/villages/${v.villageId}/appointments`, { advisorId, from: '2026-01-01', to: '2026-12-31' });
  }
  return seeded;
}
