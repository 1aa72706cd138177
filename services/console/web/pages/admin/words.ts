// The administrators' words: organisation kinds, projection states, the services by name.
import type { Service } from '../../api.js';

/** As the registry names them (@bureau/organisations, kinds.ts). */
export const kindNames: Readonly<Record<string, string>> = {
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

export const projectionStates: Readonly<Record<string, string>> = {
  running: '运行中',
  standby: '待命',
  parked: '已暂停（有无法处理的事件）',
  rebuilding: '重建中',
  stopped: '已停止',
};

export const serviceNames: Readonly<Record<Service, string>> = {
  hotline: '12345 工单',
  'legal-aid': '法律援助',
  advisors: '村（居）法律顾问',
  audit: '案件审计',
  reports: '统计报表',
};

/** The services that keep the working-day calendar (each loads the national year on its own store). */
export const calendarServices = ['hotline', 'legal-aid'] as const satisfies readonly Service[];
