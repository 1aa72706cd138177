// The other documents people sign, post or hand over, each from the file as its stream holds it:
// 一次性告知书 (Art. 43), 给予 / 不予法律援助决定书 (Arts. 43, 49), 指派通知书 (to the lawyer and the
// recipient), 告知通知机关 (a notified case, Art. 36). Pure: undefined when the file has no such document yet.
import type { ApplicationSubmitted, LegalAidState, NotificationReceived } from '../domain/index.js';
import { matterArticles } from '../domain/index.js';
import { beijing, documentHtml, lastDayOf } from './layout.js';
import { articleOf, matterNames } from './receipt-html.js';

export const noticeKinds = ['materials-notice', 'decision', 'assignment-notice', 'authority-notice'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

export interface NoticeSource {
  readonly state: LegalAidState;
  readonly submitted: ApplicationSubmitted['data'] | undefined;
  readonly notification: NotificationReceived['data'] | undefined;
  /** An organisation's name from the registry. */
  readonly nameOf: (organisationId: string) => string;
  /** The justice bureau that set the office up (Art. 49). */
  readonly bureauOf: (officeId: string) => string | undefined;
  /** The assigned lawyer's name and firm as the office's lawyer registry holds them (ids when it does not). */
  readonly lawyerNames?: { readonly name: string; readonly firmName: string } | undefined;
}

export function noticeHtml(kind: NoticeKind, source: NoticeSource): string | undefined {
  const { state, submitted, nameOf } = source;
  if (state.status === 'none' || state.status === 'awaiting_custody_forwarding') return undefined;
  const office = nameOf(state.competentOfficeId);
  const numberFacts: [string, string][] = submitted
    ? [['申请编号', submitted.applicationNumber], ['申请人', submitted.applicant.name], ['受援人', submitted.recipient.name], ['申请事项', `${matterNames[submitted.matterType]}（${articleOf(matterArticles[submitted.matterType])}）`]]
    : [];
  switch (kind) {
    case 'materials-notice': {
      const materials = state.materials;
      if (!submitted || !materials) return undefined;
      return documentHtml({
        issuer: office,
        title: '法律援助申请补充材料一次性告知书',
        facts: [...numberFacts, ['告知时间', beijing(materials.requestedAt, true)], ['补充期限', `${lastDayOf(materials.due.dueAt)}前`]],
        sections: [
          { heading: '需要补充的全部材料', items: materials.items },
          { text: '依照《中华人民共和国法律援助法》第四十三条，现一次性告知您需要补充的全部材料。审查期限自材料补齐之日起继续计算；逾期未补充的，视为撤回申请。', heading: '说明' },
        ],
        date: beijing(materials.requestedAt),
      });
    }
    case 'decision': {
      const decision = state.decision;
      if (!submitted || !decision) return undefined;
      if (decision.kind === 'approved') {
        return documentHtml({
          issuer: office,
          title: '给予法律援助决定书',
          facts: [...numberFacts, ['决定时间', beijing(decision.at, true)]],
          sections: [{ heading: '决定', text: `经审查，受援人的申请符合法律援助条件，依照《中华人民共和国法律援助法》第四十三条，决定给予法律援助。本机构将自本决定作出之日起三个工作日内指派律师或者安排本机构的工作人员提供法律援助。` }],
          date: beijing(decision.at),
        });
      }
      const bureau = source.bureauOf(state.competentOfficeId);
      return documentHtml({
        issuer: office,
        title: '不予法律援助决定书',
        facts: [...numberFacts, ['决定时间', beijing(decision.at, true)]],
        sections: [
          { heading: '理由', text: decision.reasons ?? '' },
          { heading: '异议', text: `申请人对本决定有异议的，可以依照《中华人民共和国法律援助法》第四十九条向${bureau ? nameOf(bureau) : '设立本机构的司法行政部门'}提出。司法行政部门应当自收到异议之日起五个工作日内进行审查，作出维持或者责令改正的决定。` },
        ],
        date: beijing(decision.at),
      });
    }
    case 'assignment-notice': {
      const lawyer = state.lawyer;
      if (!lawyer) return undefined;
      const who: [string, string][] = submitted ? numberFacts : source.notification ? [['被告人 / 犯罪嫌疑人', source.notification.defendant.name], ['涉嫌罪名', source.notification.charge]] : [];
      return documentHtml({
        issuer: office,
        title: '法律援助指派通知书',
        facts: [...who, ['承办律师', source.lawyerNames?.name ?? lawyer.lawyerId], ['所属律师事务所', source.lawyerNames?.firmName ?? lawyer.firmId], ['指派时间', beijing(lawyer.assignedAt, true)]],
        sections: [{ heading: '通知', text: `本机构指派上述律师为受援人提供法律援助${lawyer.preliminary ? '（先行提供法律援助，《中华人民共和国法律援助法》第四十四条）' : ''}。请承办律师及时与受援人联系，依法履行职责；受援人应当如实陈述案件事实，配合承办律师工作。` }],
        date: beijing(lawyer.assignedAt),
      });
    }
    case 'authority-notice': {
      const notification = source.notification;
      const lawyer = state.lawyer;
      if (!notification || !lawyer) return undefined;
      return documentHtml({
        issuer: office,
        title: '指派律师告知函',
        facts: [
          ['通知机关', notification.notifyingAuthority.name],
          ['收到通知时间', beijing(notification.noticeReceivedAt, true)],
          ['被告人 / 犯罪嫌疑人', notification.defendant.name],
          ['涉嫌罪名', notification.charge],
          ['承办律师', source.lawyerNames?.name ?? lawyer.lawyerId],
          ['所属律师事务所', source.lawyerNames?.firmName ?? lawyer.firmId],
        ],
        sections: [{ heading: '告知', text: `依照《中华人民共和国法律援助法》第三十六条，本机构已于${beijing(lawyer.assignedAt)}指派上述律师提供辩护，特此告知${notification.notifyingAuthority.name}。` }],
        date: beijing(lawyer.assignedAt),
      });
    }
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
}
