// 办理经过: every event of the file as the service records it (GET /files/:caseId/timeline), in the
// bureau's words: what was done, by whom (role and organisation), when it was done and when recorded.
// Read from the file's stream, so it is the record itself, not facts pieced together from the file.
import { call } from '../../api.js';
import { roleNames } from '../../roles.js';
import { ProblemNote, useLoad, when } from '../../ui.js';

interface LawyerName {
  lawyerId: string;
  name: string;
  firmName: string;
}

interface Entry {
  revision: string;
  type: string;
  occurredAt: string | null;
  recordedAt: string;
  actor: { id: string; role: string; organisation: string; organisationName: string | null } | null;
  data: Record<string, unknown>;
  lawyer?: LawyerName | null;
}

export const eventNames: Readonly<Record<string, string>> = {
  CustodyApplicationAnnounced: '看守所转交申请登记', ApplicationSubmitted: '受理申请', CompetenceOverridden: '变更管辖机构',
  ApplicationTransferred: '移送', TransferredApplicationReceived: '接收移送', MaterialsRequested: '一次性告知补充材料',
  MaterialsSupplied: '补充材料', ApplicationDeemedWithdrawn: '逾期未补材料，视为撤回', ApplicationWithdrawn: '撤回申请',
  EconomicStatusRecorded: '记录经济困难状况', PreliminaryAidDecided: '决定先行提供法律援助', ApplicationApproved: '决定给予法律援助',
  ApplicationRefused: '决定不予法律援助', NotificationReceived: '收到通知辩护（代理）', LawyerAssigned: '指派律师',
  AuthorityInformed: '告知办案机关', ObjectionFiled: '提出异议', ObjectionUpheld: '异议审查：维持', CorrectionOrdered: '异议审查：责令改正',
  AidTerminated: '终止法律援助', CaseClosed: '结案', FollowUpRecorded: '回访', QualityReviewed: '质量评查',
  ReviewOverdue: '审查期限已过', AssignmentOverdue: '指派期限已过', ObjectionDecisionOverdue: '异议决定期限已过',
  CustodyForwardingOverdue: '转交期限已过', DeadlinesRecomputed: '按官方日历重算期限',
};

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const list = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').join('、') : undefined);

/** What the event says beyond its name, where a reader needs it. */
function detailOf(entry: Entry): string | undefined {
  const d = entry.data;
  switch (entry.type) {
    case 'LawyerAssigned':
      return entry.lawyer ? `${entry.lawyer.name}（${entry.lawyer.firmName}）` : `${text(d.lawyerId) ?? ''}（名册中已无此律师）`;
    case 'MaterialsRequested':
    case 'MaterialsSupplied':
      return list(d.items);
    case 'ApplicationTransferred':
      return text(d.toOfficeId) && `至 ${text(d.toOfficeId)}`;
    case 'ApplicationRefused':
    case 'ObjectionUpheld':
    case 'CorrectionOrdered':
      return text(d.reasons);
    case 'ApplicationWithdrawn':
      return text(d.reason);
    case 'ObjectionFiled':
      return text(d.grounds);
    case 'AidTerminated':
      return text(d.explanation);
    case 'CaseClosed':
      return text(d.summary);
    default:
      return undefined;
  }
}

/** Recorded more than a minute after the act (a late entry, or a timer's): both times shown. */
const recordedLate = (e: Entry) => e.occurredAt !== null && Date.parse(e.recordedAt) - Date.parse(e.occurredAt) > 60_000;

export function FileTimeline(props: { caseId: string; version: number }) {
  const { loaded } = useLoad(() => call<{ entries: Entry[] }>('legal-aid', `/files/${encodeURIComponent(props.caseId)}/timeline`), `${props.caseId}#${props.version}`);
  return (
    <>
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="办理经过" />}
      <ol class="timeline" aria-busy={loaded.state === 'loading'}>
        {loaded.state === 'ok' &&
          loaded.data.entries.map((e) => {
            const detail = detailOf(e);
            return (
              <li key={e.revision} data-event={e.type}>
                <time dateTime={e.occurredAt ?? e.recordedAt}>{when(e.occurredAt ?? e.recordedAt)}</time>
                <strong>
                  {eventNames[e.type] ?? e.type}
                  {detail ? `：${detail}` : ''}
                </strong>
                <span class="muted">
                  {e.actor ? `${roleNames[e.actor.role] ?? e.actor.role} · ${e.actor.organisationName ?? e.actor.organisation}` : '系统'}
                  {recordedLate(e) ? ` · 记录于 ${when(e.recordedAt)}` : ''}
                </span>
              </li>
            );
          })}
      </ol>
    </>
  );
}
