// The one domain error: a command broke a work-order rule. The service maps it to 422 problem+json,
// using `rule` as the stable code and `detail` as the human text (Chinese / English).

const details = {
  not_dispatched: '工单尚未派单 / the work order has not been dispatched',
  already_dispatched: '工单已派单，且内容不同 / the work order was already dispatched with different content',
  order_returned: '工单已退回，不能再办理 / the work order was returned and has left the centre',
  external_number_required: '必须提供平台工单编号 / the platform order number is required',
  wrong_platform: '该指令不是来自派单平台 / the command does not come from the dispatching platform',
  invalid_time: '时间无效 / the time is not a valid instant',
  already_signed_for: '工单已签收 / the work order is already signed for',
  return_pending: '退单申请待平台审核 / a return request is waiting for the platform',
  return_window_closed: '已超过退单时限 / the return window has closed',
  no_return_pending: '没有待审核的退单申请 / there is no pending return request',
  reason_required: '必须填写理由 / a reason is required',
  note_required: '必须填写办理情况 / the note must not be empty',
  reply_required: '必须填写答复内容 / the reply must not be empty',
  merge_numbers_required: '必须提供被并单的工单编号 / merged external order numbers are required',
  extension_before_sign_for: '不能在签收前申请延期 / cannot request an extension before signing for',
  extension_after_due: '已超过办理时限，不能申请延期 / cannot request an extension after the due time',
  extension_pending: '已有延期申请待平台审核 / an extension request is already pending',
  extension_cap_exceeded: '延期总天数超过上限 / the total extension would exceed the cap',
  no_extension_pending: '没有待审核的延期申请 / there is no pending extension request',
  invalid_working_days: '工作日数必须为正整数 / working days must be a positive whole number',
  invalid_new_due: '新的办理时限无效 / the new due time must be later than the current one',
  reply_before_sign_for: '不能在签收前答复 / cannot reply before signing for',
  already_replied: '工单已答复 / the work order has already been replied to',
  follow_up_before_reply: '答复前不能记录回访结果 / cannot record a follow-up before the reply',
  follow_up_already_recorded: '本次答复已有回访结果 / this reply already has a follow-up result',
  redo_not_allowed:
    '只有回访不满意且责任在承办单位时才能重办 / a redo needs a dissatisfied follow-up caused by the unit',
  deadline_not_reached: '时限未到 / the deadline has not been reached yet',
} as const;

/** Stable rule codes, e.g. 'reply_before_sign_for'. */
export type WorkOrderRule = keyof typeof details;

export class WorkOrderRuleBroken extends Error {
  readonly detail: string;
  constructor(readonly rule: WorkOrderRule) {
    super(`${rule}: ${details[rule]}`);
    this.name = 'WorkOrderRuleBroken';
    this.detail = details[rule];
  }
}

/** The human detail of a rule, for documentation and problem+json `title`s. */
export function ruleDetail(rule: WorkOrderRule): string {
  return details[rule];
}
