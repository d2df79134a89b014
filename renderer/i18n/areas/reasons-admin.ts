/**
 * Words for the administration's refusals (src/api/reasons/admin.ts): staff, PINs, the policy, backups.
 * Params arrive formatted by renderer/i18n/reasons.ts; `name` is a staff member's name, `staffId` their id
 * where the server knows no name. Counts (`tries`, `minutes`, `triesLeft`) are numbers, so English can
 * choose its plural.
 */
export const zhCN = {
  'reason.admin_role_admin_only': '只有系统管理员可以授予系统管理员角色',
  'reason.admin_account_admin_only': '只有系统管理员可以修改系统管理员的账号、角色或 PIN',
  'reason.staff_id_taken': '员工编号 {staffId} 已被使用',
  'reason.staff_unknown': '找不到员工 {staffId}',
  'reason.deactivate_self': '不能停用自己',
  'reason.last_staff_admin': '至少要保留一位在职的管理员或销售总监',
  'reason.reset_own_pin': '不能重设自己的 PIN：请另一位管理员或销售总监重设，或在本机运行 npm run salesdesk -- reset-pin',
  'reason.setup_done': '系统已经设置过员工，请由管理员在员工管理中添加',
  'reason.setup_needs_admin': '第一批员工中至少要有一位管理员或销售总监',
  'reason.setup_admin_pin_required': '管理员和销售总监必须设置 PIN',
  'reason.pin_not_set': '{name} 还没有设置 PIN，请管理员在员工管理中设置',
  'reason.pin_record_tampered': '{name} 的 PIN 记录与账本不符（在程序之外被改动过），已拒绝登录。请管理员重设此人的 PIN，并校验数据库',
  'reason.pin_wrong': 'PIN 不正确（还可以再试 {triesLeft} 次）',
  'reason.pin_wrong_locked': 'PIN 连续输错 {tries} 次，{name} 已锁定 {minutes} 分钟',
  'reason.pin_locked': '{name} 的 PIN 连续输错 {tries} 次，已锁定，请 {minutes} 分钟后再试或请管理员重设',
  'reason.pin_just_reset': '{name} 的 PIN 刚刚被重设，请用新的 PIN 登录',
  'reason.policy_no_changes': '没有要修改的参数',
  'reason.backup_nothing_yet': '还没有任何员工，没有可以备份的内容',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'reason.admin_role_admin_only': 'Only a system administrator can grant the administrator role',
  'reason.admin_account_admin_only': 'Only a system administrator can change an administrator’s account, roles or PIN',
  'reason.staff_id_taken': 'Staff number {staffId} is already in use',
  'reason.staff_unknown': 'No staff member {staffId}',
  'reason.deactivate_self': 'You cannot deactivate yourself',
  'reason.last_staff_admin': 'At least one active administrator or sales director must remain',
  'reason.reset_own_pin': 'You cannot reset your own PIN: ask another administrator or sales director, or run npm run salesdesk -- reset-pin on this machine',
  'reason.setup_done': 'Staff are already set up; an administrator adds people under Staff',
  'reason.setup_needs_admin': 'The first staff must include an administrator or a sales director',
  'reason.setup_admin_pin_required': 'Administrators and sales directors must have a PIN',
  'reason.pin_not_set': '{name} has no PIN yet; an administrator sets one under Staff',
  'reason.pin_record_tampered': '{name}’s PIN record does not match the ledger (changed outside the app); sign-in refused. An administrator should reset this person’s PIN and verify the database',
  'reason.pin_wrong': 'Wrong PIN ({triesLeft, plural, one {# try left} other {# tries left}})',
  'reason.pin_wrong_locked': '{tries, plural, one {# wrong PIN} other {# wrong PINs}} in a row: {name} is locked for {minutes, plural, one {# minute} other {# minutes}}',
  'reason.pin_locked': '{name} is locked after {tries, plural, one {# wrong PIN} other {# wrong PINs}} in a row; try again in {minutes, plural, one {# minute} other {# minutes}} or ask an administrator to reset it',
  'reason.pin_just_reset': '{name}’s PIN was just reset; sign in with the new PIN',
  'reason.policy_no_changes': 'Nothing to change',
  'reason.backup_nothing_yet': 'There are no staff yet, so there is nothing to back up',
};
