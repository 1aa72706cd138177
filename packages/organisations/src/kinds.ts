// The kinds of organisation a city's public legal services are made of, and where each may sit. A
// district bureau (区司法局) runs its public legal service centre (区公法中心), its legal-aid office
// (法律援助中心) with its stations (工作站), and, through each township's judicial office (司法所), the
// villages' and communities' legal advisors. The city has its own bureau and legal-aid office (some
// matters belong to the city-level office: domain reference §2, Art. 38).

export const organisationKinds = [
  'city',
  'district',
  'justice_bureau',
  'public_legal_service_centre',
  'legal_aid_office',
  'legal_aid_station',
  'township',
  'judicial_office',
  'village',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/** The kinds each kind may sit under. A city sits under nothing: it is the registry's root. */
export const allowedParents: Readonly<Record<OrganisationKind, readonly OrganisationKind[]>> = {
  city: [],
  district: ['city'],
  justice_bureau: ['city', 'district'],
  public_legal_service_centre: ['district'],
  legal_aid_office: ['city', 'district'],
  legal_aid_station: ['legal_aid_office'],
  township: ['district'],
  judicial_office: ['township'],
  village: ['township'],
};

/** Chinese names, for people reading the registry. */
export const kindNames: Readonly<Record<OrganisationKind, string>> = {
  city: '市',
  district: '区',
  justice_bureau: '司法局',
  public_legal_service_centre: '公共法律服务中心',
  legal_aid_office: '法律援助中心',
  legal_aid_station: '法律援助工作站',
  township: '镇（街道）',
  judicial_office: '司法所',
  village: '村（社区）',
};
