// What is wrong with a row, in a form a person can fix the file from (and the same as JSON for machines):
// the row number as the spreadsheet shows it, the column's header, the rule broken.

const details = {
  empty_file: '文件没有表头或数据 / the file has no header row or no data',
  missing_column: '缺少必需的列 / a required column is missing',
  duplicate_column: '同一列出现两次 / the column appears twice',
  required: '必须填写 / this cell must not be empty',
  invalid_date: '日期无法识别，请用 2026-03-05、2026/3/5 或 2026年3月5日 / the date cannot be read',
  service_in_future: '日期晚于今天 / the date is after today',
  invalid_duration: '时长无法识别或不在1分钟至24小时之间，请写 2、1.5、2小时 或 90分钟 / the duration cannot be read or is not 1 minute to 24 hours',
  unknown_service_type: '服务类型不在规定范围内 / not one of the service types',
  invalid_mode: '请填写“驻点”或“线上” / write 驻点 (on site) or 线上 (remote)',
  duty_must_be_on_site: '驻点值班必须是驻点 / on-site duty is on site',
  unknown_village: '村（社区）名称不在组织机构名录中 / the village is not in the organisation registry',
  unknown_advisor: '法律顾问不在名册中 / the advisor is not on the register',
  advisor_required: '文件没有“法律顾问”列，导入时也未指定顾问 / the file has no advisor column and no advisor was given for it',
  invalid_phone: '电话号码格式不正确 / the phone number is not a mobile or landline number',
  persons_phones_mismatch: '联系电话的个数与服务对象不一致 / the number of phones does not match the number of persons',
  invalid_start_time: '开始时间应为 9:30 或 09:30 / the start time must be like 9:30',
  application_id_only_for_referral: '只有法援转介才能填写法援申请编号 / only a legal-aid referral names a legal-aid application',
  duplicate_in_file: '与本文件另一行是同一服务（村、日期、顾问、类型、开始时间）但内容不同 / the same service as another row of this file, with different content',
} as const;

export type ImportRule = keyof typeof details;

export type ImportError = {
  /** The sheet's name for an XLSX file; null for CSV. */
  readonly sheet: string | null;
  /** 1-based, as the spreadsheet shows it: the header is row 1. */
  readonly row: number;
  /** The column's header as in the template; null for a problem of the whole row or file. */
  readonly column: string | null;
  readonly rule: ImportRule;
  readonly detail: string;
};

export function importError(sheet: string | null, row: number, column: string | null, rule: ImportRule, note?: string): ImportError {
  return { sheet, row, column, rule, detail: note ? `${details[rule]} (${note})` : details[rule] };
}

/** One line per error, e.g. "第3行 [日期] invalid_date: 日期无法识别…", for a person fixing the file. */
export function formatImportErrors(errors: readonly ImportError[]): string {
  return errors
    .map((e) => `${e.sheet ? `${e.sheet} ` : ''}第${e.row}行${e.column ? ` [${e.column}]` : ''} ${e.rule}: ${e.detail}`)
    .join('\n');
}
