// The administrators' words: organisation kinds, projection states, the services by name.
import { kindNames as registryKindNames } from '@bureau/organisations/kinds';
import type { Service } from '../../api.js';

/** The registry's own names (kinds.ts holds nothing but them, so the browser's bundle may take it). */
export const kindNames: Readonly<Record<string, string>> = registryKindNames;

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
