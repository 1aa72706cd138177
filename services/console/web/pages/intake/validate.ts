// Validation as the clerk types, with the very schemas the service checks the submission with
// (@bureau/person-schemas runs in the browser as well as in Node): the ID number's check digit, the phone.
import { personSchema } from '@bureau/person-schemas';

export interface ApplicantDraft {
  name: string;
  documentType: string;
  documentNumber: string;
  phone: string;
  address: string;
  groups: string[];
}

export function applicantOf(draft: ApplicantDraft) {
  return {
    name: draft.name,
    document: { type: draft.documentType, number: draft.documentNumber },
    phone: draft.phone.trim() === '' ? null : draft.phone,
    address: draft.address.trim() === '' ? null : draft.address,
    groups: draft.groups,
  };
}

const schema = personSchema();

/** Problems by the form's field names (`applicant.name`, `applicant.document.number`, `applicant.phone`…), in Chinese. */
export function applicantProblems(draft: ApplicantDraft): Record<string, string> {
  const result = schema.safeParse(applicantOf(draft));
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = `applicant.${issue.path.map(String).join('.')}`;
    out[field] ??= chineseOf(issue.message, field);
  }
  return out;
}

function chineseOf(message: string, field: string): string {
  // The package's messages are "中文 / English"; keep the Chinese half.
  const chinese = message.split(' / ')[0] ?? message;
  if (/[\u4e00-\u9fff]/.test(chinese)) return chinese;
  if (field === 'applicant.name') return '请填写申请人姓名';
  if (field.startsWith('applicant.document')) return '请填写证件号码';
  return '格式不对';
}
