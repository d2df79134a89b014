/**
 * Words for the refusals of registrations, ownership, customers and referrals (src/api/reasons/own.ts). Params
 * arrive formatted by renderer/i18n/reasons.ts (`…Day` as a day); `name` is a staff member's name,
 * `customerName` a customer's.
 */
export const zhCN = {
  'reason.customer_not_found': '找不到客户 {customerId}',
  'reason.registration_not_found': '找不到来访记录 {visitId} 的登记',
  'reason.registration_already_confirmed': '这条登记已经确认过',
  'reason.registration_already_rejected': '这条登记已经被驳回',
  'reason.registration_corrected': '这条登记已被更正，请处理更正后的记录',
  'reason.correction_empty': '请填写要更正的内容（售楼员、姓名或电话）',
  'reason.correction_of_rejected': '被驳回的登记不能更正；如有需要请重新登记',
  'reason.phone_of_other_customer': '电话 {phone} 已属于客户 {customerName}（编号 {customerId}）；如是同一人，请用“认定同一客户”',
  'reason.correction_unchanged': '更正的内容与原登记相同',
  'reason.announce_not_own_customer': '只能为自己名下（登记有效期内）的老客户登记介绍',
  'reason.identify_same_record': '请选择两个不同的客户记录',
  'reason.household_same_customer': '请选择两个不同的客户',
  'reason.customers_already_linked': '这两个客户记录（{customerId}、{otherCustomerId}）已经关联过',
  'reason.customers_already_one_person': '这两个客户记录（{customerId}、{otherCustomerId}）已经通过其他认定视为同一客户',
  'reason.customer_protected':
    '客户 {customerName} 已由 {name} 于 {registeredDay} 登记（登记编号 {registrationId}，保护期至 {untilDay}），不能再登记为{claim, select, referral {员工推介客户} company {公司客户} other {{claim}}}',
  'reason.customer_registered_pending':
    '客户 {customerName} 已由 {name} 于 {registeredDay} 登记（登记编号 {registrationId}，待项目经理确认），不能再登记为{claim, select, referral {员工推介客户} company {公司客户} other {{claim}}}',
  'reason.referral_not_found': '找不到推介登记 {referralId}',
  'reason.appointment_in_past': '预约日期（{appointmentDay}）不能早于今天（{todayDay}）',
  'reason.referral_pending_exists': '该客户已有待确认的推介登记（编号 {referralId}）',
  'reason.referral_not_pending':
    '这条推介登记（编号 {referralId}）的状态是“{status, select, valid {有效} lapsed {失效} void {无效} refused {拒绝} other {{status}}}”，不能再确认',
  'reason.referral_visit_other_customer': '这次来访（{visitId}）的客户与推介登记（编号 {referralId}）的客户不一致',
  'reason.referral_visit_not_on_appointment': '客户没有在预约当天（{appointmentDay}）来访（来访于 {visitDay}），推介登记已失效',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'reason.customer_not_found': 'No customer {customerId}',
  'reason.registration_not_found': 'Visit {visitId} has no registration',
  'reason.registration_already_confirmed': 'This registration has already been confirmed',
  'reason.registration_already_rejected': 'This registration has already been rejected',
  'reason.registration_corrected': 'This registration was corrected; decide the corrected record instead',
  'reason.correction_empty': 'Say what to correct (consultant, name or phone)',
  'reason.correction_of_rejected': 'A rejected registration cannot be corrected; register the visit again if needed',
  'reason.phone_of_other_customer':
    'The number {phone} belongs to customer {customerName} (no. {customerId}); if it is the same person, use “Same customer”',
  'reason.correction_unchanged': 'The correction is the same as the registration',
  'reason.announce_not_own_customer': 'You can announce an introduction only from your own old customer (in protection)',
  'reason.identify_same_record': 'Choose two different customer records',
  'reason.household_same_customer': 'Choose two different customers',
  'reason.customers_already_linked': 'These two customer records ({customerId}, {otherCustomerId}) are already linked',
  'reason.customers_already_one_person':
    'These two customer records ({customerId}, {otherCustomerId}) are already one person through other identifications',
  'reason.customer_protected':
    'Customer {customerName} was registered by {name} on {registeredDay} (registration {registrationId}, protected until {untilDay}); they cannot be registered as {claim, select, referral {an employee referral} company {a company client} other {{claim}}}',
  'reason.customer_registered_pending':
    'Customer {customerName} was registered by {name} on {registeredDay} (registration {registrationId}, awaiting the project manager); they cannot be registered as {claim, select, referral {an employee referral} company {a company client} other {{claim}}}',
  'reason.referral_not_found': 'No referral {referralId}',
  'reason.appointment_in_past': 'The appointment ({appointmentDay}) cannot be before today ({todayDay})',
  'reason.referral_pending_exists': 'This customer already has a referral waiting for its appointment (no. {referralId})',
  'reason.referral_not_pending':
    'Referral {referralId} is {status, select, valid {valid} lapsed {lapsed} void {void} refused {refused} other {{status}}}; it can no longer be confirmed',
  'reason.referral_visit_other_customer': 'Visit {visitId} is not the customer of referral {referralId}',
  'reason.referral_visit_not_on_appointment':
    'The customer did not come on the appointment day ({appointmentDay}; came on {visitDay}); the referral has lapsed',
};
