// The import template's columns (导入模板), headers in Chinese as the bureau's ledgers have them. Headers
// are matched after normalisedName (full-width brackets, spaces), so 村（社区） and 村(社区) are one column.
import { normalisedName } from './cells.js';

export const columns = {
  date: { header: '日期', required: true },
  village: { header: '村(社区)', required: true, aliases: ['村/社区', '村居', '村(居)'] },
  type: { header: '服务类型', required: true, aliases: ['类型', '服务事项'] },
  duration: { header: '时长(小时)', required: true, aliases: ['时长', '服务时长', '时长(小时/分钟)'] },
  mode: { header: '驻点/线上', required: true, aliases: ['服务方式', '驻点或线上'] },
  persons: { header: '服务对象', required: false, aliases: ['当事人', '服务对象姓名'] },
  phones: { header: '联系电话', required: false, aliases: ['电话', '联系方式'] },
  summary: { header: '内容摘要', required: true, aliases: ['服务内容', '摘要'] },
  startTime: { header: '开始时间', required: false, aliases: ['时间'] },
  advisor: { header: '法律顾问', required: false, aliases: ['顾问', '律师', '执业证号'] },
  applicationId: { header: '法援申请编号', required: false, aliases: ['法律援助申请编号'] },
  entryId: { header: '记录编号', required: false, aliases: ['编号'] },
} as const satisfies Record<string, { header: string; required: boolean; aliases?: readonly string[] }>;

export type ColumnKey = keyof typeof columns;

/** Where each known column is in the header row. Unknown headers are ignored (a sheet may carry notes). */
export type ColumnIndex = Partial<Record<ColumnKey, number>>;

export type HeaderProblem = { readonly column: string; readonly rule: 'missing_column' | 'duplicate_column' };

export function indexColumns(header: readonly string[]): { index: ColumnIndex; problems: HeaderProblem[] } {
  const byName = new Map<string, ColumnKey>();
  for (const [key, column] of Object.entries(columns) as [ColumnKey, (typeof columns)[ColumnKey]][]) {
    for (const name of [column.header, ...('aliases' in column ? column.aliases : [])]) byName.set(normalisedName(name), key);
  }
  const index: ColumnIndex = {};
  const problems: HeaderProblem[] = [];
  header.forEach((cell, position) => {
    const key = byName.get(normalisedName(cell));
    if (key === undefined) return;
    if (index[key] !== undefined) problems.push({ column: columns[key].header, rule: 'duplicate_column' });
    else index[key] = position;
  });
  for (const [key, column] of Object.entries(columns) as [ColumnKey, (typeof columns)[ColumnKey]][]) {
    if (column.required && index[key] === undefined) problems.push({ column: column.header, rule: 'missing_column' });
  }
  return { index, problems };
}
