// Reading the cells people actually write: dates in four shapes, durations in hours or minutes, service
// types and modes by their Chinese names and common variants. Each returns undefined when it cannot read
// the cell, and the row parser names the rule.
import { isLocalDate } from '../domain/index.js';
import { reviewSubjectNames, type LocalDate, type ReviewSubject, type ServiceMode, type ServiceType } from '../domain/index.js';

const DASHED = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const SERIAL = /^\d+(\.\d+)?$/;
/** Excel's serial of 1970-01-01 (its 1900 date system, which counts a 29 February 1900 that never was). */
const EXCEL_SERIAL_OF_1970 = 25569;
/** Serials from 61 (1900-03-01) are past Excel's phantom leap day and map to real dates one to one. */
const FIRST_SAFE_SERIAL = 61;
const LAST_SERIAL = 2958465; // 9999-12-31

/** 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, or an Excel serial date such as 46086. */
export function readDate(cell: string): LocalDate | undefined {
  const text = cell.trim();
  const m = DASHED.exec(text) ?? CHINESE.exec(text);
  if (m) {
    const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    return isLocalDate(date) ? date : undefined;
  }
  if (SERIAL.test(text)) {
    // A time of day after the point is ignored: the date is the whole days.
    const serial = Math.floor(Number(text));
    if (serial < FIRST_SAFE_SERIAL || serial > LAST_SERIAL) return undefined;
    const date = new Date((serial - EXCEL_SERIAL_OF_1970) * 86_400_000).toISOString().slice(0, 10);
    return isLocalDate(date) ? date : undefined;
  }
  return undefined;
}

const HOURS = /^(\d+(?:\.\d+)?)\s*(?:小时|个小时|h|hr|hrs|hours?)?$/i;
const MINUTES = /^(\d+)\s*(?:分钟|分|min|mins|minutes?)$/i;
const HOURS_AND_MINUTES = /^(\d+)\s*(?:小时|个小时|h)\s*(\d+)\s*(?:分钟|分|min)?$/i;

/** Minutes from `2`, `1.5`, `2小时`, `90分钟`, `1小时30分`: a bare number is hours (the column is 时长(小时)). */
export function readDurationMinutes(cell: string): number | undefined {
  const text = cell.trim();
  const both = HOURS_AND_MINUTES.exec(text);
  if (both) return Number(both[1]) * 60 + Number(both[2]);
  const minutes = MINUTES.exec(text);
  if (minutes) return Number(minutes[1]);
  const hours = HOURS.exec(text);
  // Nearest minute: a sheet's 0.33 h is 20 minutes, not 19.8.
  if (hours) return Math.round(Number(hours[1]) * 60);
  return undefined;
}

/** 'HH:MM' from `9:30`, `09:30` or `09:30:00`. */
export function readClockTime(cell: string): string | undefined {
  const m = /^(\d{1,2})[:：](\d{2})(?::\d{2})?$/.exec(cell.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

/** Full-width brackets and slashes to half-width, spaces out: how names are compared. */
export function normalisedName(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/／/g, '/');
}

type TypeReading = { readonly type: ServiceType; readonly reviewSubject: ReviewSubject | null };

const typeNames: Readonly<Record<Exclude<ServiceType, 'review'>, readonly string[]>> = {
  consultation: ['咨询', '法律咨询', '来访咨询', '电话咨询', '解答咨询', 'consultation'],
  legal_opinion: ['法律意见', '出具法律意见', '法律意见书', '提供法律意见', 'legal_opinion'],
  mediation: ['调解', '纠纷调解', '矛盾纠纷调解', '参与调解', '人民调解', '调解纠纷', 'mediation'],
  legal_aid_referral: ['法援转介', '法律援助转介', '转介法律援助', '法援', '引导申请法律援助', 'legal_aid_referral'],
  lecture: ['普法讲座', '普法', '普法宣传', '法治讲座', '法治宣传', '讲座', 'lecture'],
  legal_health_check: ['法治体检', '法律体检', '法治体检服务', 'legal_health_check'],
  on_site_duty: ['驻点值班', '值班', '驻村值班', '坐班', '驻点服务', 'on_site_duty'],
};
/** 审查: the reference's one type, named whole or by what was reviewed (审查合同, 合同审查, …). */
const reviewNames: readonly [string, ReviewSubject | null][] = [
  ['审查村规民约/合同/集体资产/重大决策', null],
  ['审查', null],
  ['review', null],
  ...(Object.entries(reviewSubjectNames) as [ReviewSubject, string][]).flatMap(([subject, name]): [string, ReviewSubject][] =>
    ['审查', '审核'].flatMap((verb) => [[`${verb}${name}`, subject], [`${name}${verb}`, subject]]),
  ),
  ['审查村规民约/自治章程', 'village_rules'],
  ['审查集体资产处置', 'collective_assets'],
  ['重大事项审查', 'major_decision'],
];
const typeByName = new Map<string, TypeReading>([
  ...Object.entries(typeNames).flatMap(([type, names]) =>
    names.map((name): [string, TypeReading] => [normalisedName(name).toLowerCase(), { type: type as ServiceType, reviewSubject: null }]),
  ),
  ...reviewNames.map(([name, reviewSubject]): [string, TypeReading] => [normalisedName(name).toLowerCase(), { type: 'review', reviewSubject }]),
]);

/** The service type by its Chinese name or a common variant; for a review, what was reviewed when the name says. */
export function readServiceType(cell: string): TypeReading | undefined {
  return typeByName.get(normalisedName(cell).toLowerCase());
}

const modeNames: Readonly<Record<ServiceMode, readonly string[]>> = {
  on_site: ['驻点', '现场', '到村', '线下', '实地', '上门', '驻村', 'on_site'],
  remote: ['线上', '远程', '电话', '微信', '视频', '网络', 'remote'],
};
const modeByName = new Map<string, ServiceMode>(
  Object.entries(modeNames).flatMap(([mode, names]) => names.map((name): [string, ServiceMode] => [name.toLowerCase(), mode as ServiceMode])),
);

export function readMode(cell: string): ServiceMode | undefined {
  return modeByName.get(normalisedName(cell).toLowerCase());
}

/** Several names or phones in one cell: 张三、李四 or 张三,李四 (full-width separators too). */
export function splitList(cell: string): string[] {
  return cell
    .split(/[、,，;；\n]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
