// 受理回执 as a self-contained HTML page (A4, for the screen and the printer): the number, the date, the
// receiving station, the competent office (市域通办), what happens next and by when, what was handed in
// and what is still owed. Pure: the data in, the page out.
import { matterArticles, type MatterType } from '../domain/index.js';
import type { Receipt } from '../routes/receipt.js';
import { beijing, documentHtml, lastDayOf } from './layout.js';

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

/** 'Art. 31(5)' → 《法律援助法》第31条第5项. */
export function articleOf(article: string): string {
  const [, number, item] = /^Art\. (\d+)(?:\((\d+)\))?$/.exec(article) ?? [];
  return number ? `《法律援助法》第${number}条${item ? `第${item}项` : ''}` : article;
}

export function receiptHtml(doc: ReceiptDocument): string {
  const r = doc.receipt;
  const next = r.transferNeeded
    ? `根据《中华人民共和国法律援助法》第三十八条，本申请由${r.competentOffice.name}审查决定。本机构将移送该机构，审查期限自本回执所载受理时间起计算（市域通办）。`
    : `${r.competentOffice.name}将在审查期限内作出决定；需要补充材料的，将一次性告知。`;
  return documentHtml({
    issuer: r.receivingOrganisation.name,
    title: '法律援助申请受理回执',
    facts: [
      ['申请编号', r.applicationNumber],
      ['申请人', doc.applicantName],
      ...(doc.recipientName ? [['受援人', doc.recipientName] as const] : []),
      ['申请事项', `${matterNames[doc.matterType]}（${articleOf(matterArticles[doc.matterType])}）`],
      ['受理时间', beijing(r.receivedAt, true)],
      ['受理机构', r.receivingOrganisation.name],
      ['审查机构', r.competentOffice.name],
      ['审查期限', `${lastDayOf(r.reviewDueAt)}前作出是否给予法律援助的决定${r.provisional ? '（所涉年度工作日历尚未公布，期限为暂定）' : ''}`],
    ],
    notice: r.greenChannel ? '本申请适用绿色通道，优先受理、当日审查。' : undefined,
    sections: [
      { heading: '已提交的材料', items: r.documentsHandedIn.map((d) => d.name) },
      { heading: '尚需补充的材料', items: doc.materialsOwed },
      { heading: '后续办理', text: next },
    ],
    closing: ['申请人对不予法律援助的决定有异议的，可以依照《中华人民共和国法律援助法》第四十九条向设立该法律援助机构的司法行政部门提出。'],
    date: beijing(r.receivedAt),
  });
}
