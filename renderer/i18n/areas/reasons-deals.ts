/**
 * Words for the refusals of deals, disputes and follow-up (src/api/reasons/deals.ts). Params arrive formatted by
 * renderer/i18n/reasons.ts: `…Cents` as yuan, `…Day` as a day; `totalBps` is basis points (words divide by 100),
 * `staffIds` the ids as sent.
 */
export const zhCN = {
  'reason.deal_not_found': '找不到成交记录 {dealId}',
  'reason.commission_over_price': '佣金（{commissionCents}）不能超过成交价（{priceCents}）',
  'reason.company_mode_not_company_client': '只有公司客户才能选择公司客户成交方式（R-CO-1）',
  'reason.after_sales_required': '请选择负责售后的售楼员（R-CO-4）',
  'reason.deal_change_empty': '请填写新的买受人姓名或房号',
  'reason.deal_change_not_party': '只有参与这笔成交佣金分配的售楼员或经理可以更名或换房',
  'reason.dispute_not_found': '找不到争议 {disputeId}',
  'reason.dispute_subject_one': '请选择一项成交或一位客户作为争议对象',
  'reason.dispute_already_open': '这项成交已有未结的争议',
  'reason.dispute_decided': '争议已经裁决，不能再修改',
  'reason.dispute_opinion_pending': '已有待总监审批的意见',
  'reason.dispute_no_opinion': '还没有待审批的项目经理意见',
  'reason.opinion_split_not_full': '建议的分配比例合计为 {totalBps, number, ::scale/0.01}%，必须为 100%',
  'reason.opinion_staff_unknown': '找不到员工：{staffIds}',
  'reason.opinion_party_unknown': '过错与贡献说明中有找不到的员工：{staffIds}',
  'reason.follow_up_not_owner': '只能跟进自己名下（保护期内）的客户',
  'reason.follow_up_day_future': '跟进日期（{followUpDay}）不能晚于今天',
  'reason.follow_up_next_before': '下次跟进日期（{nextDay}）不能早于本次跟进（{followUpDay}）',
  'reason.follow_up_list_not_owner': '只能查看自己客户的跟进记录',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'reason.deal_not_found': 'No deal {dealId}',
  'reason.commission_over_price': 'The commission ({commissionCents}) cannot exceed the price ({priceCents})',
  'reason.company_mode_not_company_client': 'Only a company client’s deal can be made in a company-client mode (R-CO-1)',
  'reason.after_sales_required': 'Choose the consultant handling after-sales (R-CO-4)',
  'reason.deal_change_empty': 'Enter a new buyer name or a new unit',
  'reason.deal_change_not_party': 'Only a consultant with a share of this deal, or a manager, can change its buyer or unit',
  'reason.dispute_not_found': 'No dispute {disputeId}',
  'reason.dispute_subject_one': 'Choose one deal or one customer for the dispute',
  'reason.dispute_already_open': 'This deal already has an open dispute',
  'reason.dispute_decided': 'The dispute has been decided; it can no longer change',
  'reason.dispute_opinion_pending': 'An opinion is already waiting for the director',
  'reason.dispute_no_opinion': 'No opinion of the PM is waiting for approval',
  'reason.opinion_split_not_full': 'The proposed shares add up to {totalBps, number, ::scale/0.01}%; they must make 100%',
  'reason.opinion_staff_unknown': 'No such staff: {staffIds}',
  'reason.opinion_party_unknown': 'The fault and contribution notes name unknown staff: {staffIds}',
  'reason.follow_up_not_owner': 'You can follow up only your own customers (in protection)',
  'reason.follow_up_day_future': 'The follow-up day ({followUpDay}) cannot be after today',
  'reason.follow_up_next_before': 'The next follow-up ({nextDay}) cannot be before this one ({followUpDay})',
  'reason.follow_up_list_not_owner': 'You can see the follow-ups of your own customers only',
};
