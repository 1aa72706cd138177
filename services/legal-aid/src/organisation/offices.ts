// The city's legal-aid offices as the decider needs them (OfficeDirectory, Art. 38 and 49), built from
// the organisation registry; and the numbering area of a receiving organisation (its district, or the
// city for the city-level office and its stations) with the short name its application numbers carry.
import { districtOf, lineageOf, type RegistryState } from '@bureau/organisations';
import type { ActingOrganisation, OfficeDirectory } from '../domain/index.js';

export function officeDirectoryOf(state: RegistryState): OfficeDirectory {
  const open = [...state.organisations.values()].filter((o) => !o.closed);
  const byId = state.organisations;
  const offices = open.filter((o) => o.kind === 'legal_aid_office');
  const city = open.find((o) => o.kind === 'city');
  const cityOffice = offices.find((o) => o.parentId === city?.id);
  const districtOffices: Record<string, string> = {};
  const justiceBureaus: Record<string, string> = {};
  for (const office of offices) {
    if (office.parentId !== null && byId.get(office.parentId)?.kind === 'district') districtOffices[office.parentId] = office.id;
    // Art. 49: the justice bureau that set the office up sits beside it (the district's, or the city's).
    const bureau = open.find((o) => o.kind === 'justice_bureau' && o.parentId === office.parentId);
    if (bureau) justiceBureaus[office.id] = bureau.id;
  }
  const stationOffices: Record<string, string> = {};
  for (const station of open.filter((o) => o.kind === 'legal_aid_station')) {
    if (station.parentId !== null) stationOffices[station.id] = station.parentId;
  }
  return { cityOfficeId: cityOffice?.id ?? '', districtOffices, stationOffices, justiceBureaus };
}

/** The acting organisation as the decider takes it; undefined when the registry does not hold it. */
export function actingOrganisationOf(state: RegistryState, organisationId: string): ActingOrganisation | undefined {
  const organisation = state.organisations.get(organisationId);
  return organisation && !organisation.closed ? { id: organisation.id, kind: organisation.kind } : undefined;
}

export interface NumberingArea {
  /** The district's id, or the city's for what is received at city level. */
  readonly id: string;
  readonly shortName: string;
}

/** Where a receiving organisation's numbers run: its district, or the city. Short name: configured, else the name's first character. */
export function numberingAreaOf(state: RegistryState, organisationId: string, shortNames: Readonly<Record<string, string>>): NumberingArea | undefined {
  const area = districtOf(state, organisationId) ?? lineageOf(state, organisationId).find((o) => o.kind === 'city');
  if (!area) return undefined;
  return { id: area.id, shortName: shortNames[area.id] ?? Array.from(area.name)[0] ?? area.id };
}
