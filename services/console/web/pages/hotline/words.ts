// The hotline's words as the centre's staff say them (the service's vocabulary: services/hotline/src/domain/vocabulary.ts).
export const categoryNames: Readonly<Record<string, string>> = { consultation: '咨询', assistance: '求助', suggestion: '建议', complaint: '投诉', report: '举报' };
export const statusNames: Readonly<Record<string, string>> = { awaiting_sign_for: '待签收', handling: '办理中', replied: '已办结', returned: '已退回' };
export const eventNames: Readonly<Record<string, string>> = {
  WorkOrderDispatched: '派单', WorkOrderSignedFor: '签收', HandlingNoteAdded: '办理记录', WorkOrderAssigned: '指定承办人',
  ReturnRequested: '申请退单', ReturnApproved: '退单批准', ReturnRejected: '退单驳回', ExtensionRequested: '申请延期',
  ExtensionApproved: '延期批准', ExtensionRejected: '延期驳回', WorkOrderReplied: '答复（办结）', FollowUpResultRecorded: '回访结果',
  WorkOrderRedoRequested: '重办', WorkOrderUrged: '催办', WorkOrderSupervised: '督办', NoticeIssued: '通报', DeadlinesRecomputed: '时限重算',
  SignForOverdue: '签收超时', ReplyOverdue: '答复超期', WorkOrderMerged: '合并工单',
};
