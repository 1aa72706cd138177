// The roles people sign in with, in the bureau's words, and which organisations each sits at. Shared by the
// development sign-in (the server lists a demo user per role and organisation) and the pages (who may do
// what is decided by the services; the console only hides what a role never does).

export const roleNames: Readonly<Record<string, string>> = {
  centre_staff: '中心工作人员',
  centre_supervisor: '中心负责人',
  station_clerk: '受理人员',
  legal_aid_reviewer: '审查人员',
  legal_aid_head: '法律援助机构负责人',
  legal_aid_lawyer: '承办律师',
  objection_handler: '异议审查人员',
  auditor: '审计人员',
  administrator: '系统管理员',
  judicial_office_staff: '司法所工作人员',
  legal_advisor: '村（居）法律顾问',
  city_administrator: '市级管理员',
  city_auditor: '市级审计人员',
  city_statistician: '市统计员',
  statistician: '统计人员',
};

/** The roles that work at an organisation of each kind (the registry's kinds, @bureau/organisations). */
export const rolesAtKind: Readonly<Record<string, readonly string[]>> = {
  city: ['city_administrator', 'city_auditor', 'city_statistician'],
  public_legal_service_centre: ['centre_staff', 'centre_supervisor'],
  legal_aid_station: ['station_clerk'],
  legal_aid_office: ['station_clerk', 'legal_aid_reviewer', 'legal_aid_head'],
  justice_bureau: ['auditor', 'administrator', 'objection_handler', 'statistician'],
  judicial_office: ['judicial_office_staff'],
  village: ['legal_advisor'],
};
