// 受理回执 as a self-contained HTML page (A4, for the screen and the printer): the number, the date, the
// receiving station, the competent office (市域通办), what happens next and by when, what was handed in
// and what is still owed. Pure: the data in, the page out.
import { matterArticles, type MatterType } from '../domain/index.js';
import type { Receipt } from '../routes/receipt.js';
import { fontFacesFor } from './fonts.js';

export const matterNames: Readonly<Record<MatterType, string>> = {
  state_compensation: '请求国家赔偿',
  social_insurance_or_assistance: '请求给予社会保险待遇或者社会救助',
  survivor_pension: '请求发给抚恤金',
  support_payment: '请求给付赡养费、抚养费、扶养费',
  employment_or_wages: '请求确认劳动关系或者支付劳动报酬',
  incapacity_declaration: '请求认定公民无民事行为能力或者限制民事行为能力',
  personal_injury: '请求人身损害赔偿',
  environmental_damage: '请求环境污染、生态破坏损害赔偿',
  other_civil_administrative: '法律、法规、规章规定的其他情形',
  criminal_defence: '刑事辩护',
  criminal_victim: '刑事被害人代理',
  appeal_or_retrial: '申诉、再审',
};

export interface ReceiptDocument {
  readonly receipt: Receipt;
  readonly applicantName: string;
  /** Null when the applicant is the recipient. */
  readonly recipientName: string | null;
  readonly matterType: MatterType;
  readonly materialsOwed: readonly string[];
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** 2026年3月2日 10:00 in Beijing time. */
function beijing(iso: string, withTime: boolean): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  const date = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  return withTime ? `${date} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : date;
}

/** 'Art. 31(5)' → 《法律援助法》第31条第5项. */
function articleOf(article: string): string {
  const [, number, item] = /^Art\. (\d+)(?:\((\d+)\))?$/.exec(article) ?? [];
  return number ? `《法律援助法》第${number}条${item ? `第${item}项` : ''}` : article;
}

/** A due moment is 24:00 of its last day (Civil Code Art. 201): the day shown is the one before the instant. */
const lastDayOf = (dueAt: string) => beijing(new Date(new Date(dueAt).getTime() - 1).toISOString(), false);

export function receiptHtml(doc: ReceiptDocument): string {
  const r = doc.receipt;
  const rows: [string, string][] = [
    ['申请编号', r.applicationNumber],
    ['申请人', doc.applicantName],
    ...(doc.recipientName ? [['受援人', doc.recipientName] as [string, string]] : []),
    ['申请事项', `${matterNames[doc.matterType]}（${articleOf(matterArticles[doc.matterType])}）`],
    ['受理时间', beijing(r.receivedAt, true)],
    ['受理机构', r.receivingOrganisation.name],
    ['审查机构', r.competentOffice.name],
    ['审查期限', `${lastDayOf(r.reviewDueAt)}前作出是否给予法律援助的决定${r.provisional ? '（所涉年度工作日历尚未公布，期限为暂定）' : ''}`],
  ];
  const handedIn = r.documentsHandedIn.length > 0 ? r.documentsHandedIn.map((d) => `<li>${escape(d.name)}</li>`).join('') : '<li>无</li>';
  const owed = doc.materialsOwed.length > 0 ? doc.materialsOwed.map((m) => `<li>${escape(m)}</li>`).join('') : '<li>无</li>';
  const title = '法律援助申请受理回执';
  const next = r.transferNeeded
    ? `根据《中华人民共和国法律援助法》第三十八条，本申请由${r.competentOffice.name}审查决定。本机构将移送该机构，审查期限自本回执所载受理时间起计算（市域通办）。`
    : `${r.competentOffice.name}将在审查期限内作出决定；需要补充材料的，将一次性告知。`;
  const body = `
<main>
  <h1>${escape(r.receivingOrganisation.name)}</h1>
  <h2>${title}</h2>
  <table>${rows.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v)}</td></tr>`).join('')}</table>
  ${r.greenChannel ? '<p class="green">本申请适用绿色通道，优先受理、当日审查。</p>' : ''}
  <h3>已提交的材料</h3><ul>${handedIn}</ul>
  <h3>尚需补充的材料</h3><ul>${owed}</ul>
  <h3>后续办理</h3><p>${escape(next)}</p>
  <p>申请人对不予法律援助的决定有异议的，可以依照《中华人民共和国法律援助法》第四十九条向设立该法律援助机构的司法行政部门提出。</p>
  <footer><p>受理机构（盖章）：${escape(r.receivingOrganisation.name)}</p><p>${escape(beijing(r.receivedAt, false))}</p></footer>
</main>`;
  const css = `
@page { size: A4; margin: 22mm 20mm; }
body { font-family: 'Noto Sans SC', sans-serif; font-size: 11pt; color: #111; margin: 0; }
main { max-width: 170mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 2mm; font-weight: 400; }
h2 { font-size: 20pt; text-align: center; margin: 0 0 8mm; letter-spacing: 2pt; font-weight: 400; }
h3 { font-size: 12pt; margin: 6mm 0 2mm; border-left: 3pt solid #333; padding-left: 2mm; font-weight: 400; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.6pt solid #333; padding: 2.5mm 3mm; text-align: left; vertical-align: top; }
th { width: 28mm; background: #f2f2f2; font-weight: 400; }
ul { margin: 0; padding-left: 6mm; }
.green { border: 0.6pt solid #2a7; padding: 2mm 3mm; color: #174; }
footer { margin-top: 14mm; text-align: right; }
footer p { margin: 1mm 0; }`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title} ${escape(r.applicationNumber)}</title><style>${fontFacesFor(body + title)}\n${css}</style></head><body>${body}</body></html>`;
}
