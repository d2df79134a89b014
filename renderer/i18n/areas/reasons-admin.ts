/**
 * Words for the administration's refusals (src/api/reasons/admin.ts): staff, PINs, the policy, backups.
 * Params arrive formatted by renderer/i18n/reasons.ts; `name` is a staff member's name, `staffId` their id
 * where the server knows no name. Counts (`tries`, `minutes`, `triesLeft`) are numbers, so English can
 * choose its plural. A backup's or restore's `problem` is the first of the file check's problems in words
 * (check.* in settings.ts), `count` how many there were; `detail` a cause worded, or the system's own message.
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
  'reason.backup_in_memory': '内存中的数据库没有备份，也不能恢复',
  'reason.backup_unsound': '备份校验失败，已删除这份备份：{problem}{count, plural, =1 {} other {（共 # 处问题）}}',
  'reason.backup_not_found': '找不到校验通过的备份 {file}',
  'reason.backup_newest_kept': '{file} 是最近一次校验通过的备份，恢复时以它为准，不能删除',
  'reason.restore_backup_unsound': '备份文件未通过校验，未恢复：{problem}{count, plural, =1 {} other {（共 # 处问题）}}',
  'reason.restore_no_manifest': '未恢复：{file} 旁边没有校验通过的备份说明（{manifest}），无法确认它就是程序做的那份备份',
  'reason.restore_manifest_mismatch':
    '未恢复：{file} 的账本链（{rows} 条，末端 {head}…）与它的备份说明（{manifestRows} 条，末端 {manifestHead}…）不符：备份在写入之后被改动过',
  'reason.restore_history_broken':
    '未恢复：{file} 的账本链没有接续此前最近一次校验通过的备份 {before}（第 {seq} 条不一致），也不是当前数据库或任何备份的早先状态：账本很可能在程序之外被整体重算过',
  'reason.restore_history_unknown': '未恢复：{file} 的账本链与当前数据库和现有的任何备份都对不上：账本很可能在程序之外被整体重算过',
  'reason.restore_copy_failed': '未恢复，当前数据库没有改动：无法在数据库旁写入恢复用的副本（{detail}）',
  'reason.restore_failed_put_back': '恢复失败，已放回恢复前的数据库：{detail}',
  'reason.restore_failed_unchanged': '未恢复，当前数据库没有改动：{detail}',
  'reason.restore_reopen_damaged': '恢复后的数据库没有通过检查：{detail}',
  'reason.data_safety_failed': '备份或恢复没有完成：{detail}',
  'reason.restore_group_by_command':
    '未恢复：办公室组的 PostgreSQL 数据库不在运行中直接恢复。请在服务器上用 npm run salesdesk -- restore-group {file} 恢复到一个新数据库，核对后再把 SALESDESK_DATABASE_URL 指向它',
  'reason.backup_in_progress': '另一台应用服务器（或本机）正在备份办公室组的数据库，请稍后再试',
  'reason.backup_tool_missing': '本机没有安装 PostgreSQL 的 {tool}，无法备份或恢复办公室组的数据库（apt-get install -y postgresql-client）',
  'reason.import_site_invalid': '请用 --site 给要导入的售楼处起一个名字（不超过 60 个字）',
  'reason.site_needs_group': '只有办公室组（PostgreSQL）的数据库才分售楼处；单个售楼处的数据文件就是一个售楼处',
  'reason.site_code_invalid': '售楼处代码“{code}”不可用：只能用小写字母、数字和下划线，以字母开头，最多 30 个字符（main 是本部）',
  'reason.site_name_invalid': '售楼处名称不能为空，也不能超过 60 个字',
  'reason.site_exists': '办公室组已经有代码为“{code}”的售楼处',
  'reason.site_unknown': '办公室组没有代码为“{code}”的售楼处',
  'reason.site_staff_same_site': '这位同事已经在本项目：请选择另一个项目的同事',
  'reason.site_staff_not_found': '项目 {site} 没有编号为 {staffId} 的在职员工',
  'reason.site_staff_already_here': '编号 {staffId} 已经是本项目的同一个人，无需再添加',
  'reason.import_site_done': '售楼处“{site}”已经在 {importedAt} 导入过，不能重复导入',
  'reason.import_group_not_empty': '售楼处 {site} 已经有数据（{table} 表有 {rows} 行），不能再把一个售楼处的数据文件导入进去',
  'reason.import_source_unsound':
    '未导入：售楼处的数据文件 {file} 没有通过校验：{problem}{count, plural, =1 {} other {（共 {count} 处问题）}}',
  'reason.import_source_version':
    '未导入：数据文件 {file} 的版本是 {version}，本程序是 {supported}。请先用本版本的售楼接待台打开一次该文件（会自动升级），再导入',
  'reason.import_unknown_table': '未导入：数据文件里有本程序不认识的表 {table}',
  'reason.import_copy_failed': '未导入，办公室组的数据库没有改动：复制 {table} 表时出错（{detail}）',
  'reason.import_counts_differ': '未导入，办公室组的数据库没有改动：{table} 表的行数不符（数据文件 {source} 行，办公室组 {group} 行）',
  'reason.import_rows_differ': '未导入，办公室组的数据库没有改动：从办公室组读回的 {table} 表内容与数据文件不一致',
  'reason.import_group_unsound':
    '未导入，办公室组的数据库没有改动：办公室组数据库的账本链没有通过校验：{problem}{count, plural, =1 {} other {（共 {count} 处问题）}}',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'reason.admin_role_admin_only': 'Only a system administrator can grant the administrator role',
  'reason.admin_account_admin_only': 'Only a system administrator can change an administrator’s account, roles or PIN',
  'reason.staff_id_taken': 'Staff number {staffId} is already in use',
  'reason.staff_unknown': 'No staff member {staffId}',
  'reason.deactivate_self': 'You cannot deactivate yourself',
  'reason.last_staff_admin': 'At least one active administrator or sales director must remain',
  'reason.reset_own_pin':
    'You cannot reset your own PIN: ask another administrator or sales director, or run npm run salesdesk -- reset-pin on this machine',
  'reason.setup_done': 'Staff are already set up; an administrator adds people under Staff',
  'reason.setup_needs_admin': 'The first staff must include an administrator or a sales director',
  'reason.setup_admin_pin_required': 'Administrators and sales directors must have a PIN',
  'reason.pin_not_set': '{name} has no PIN yet; an administrator sets one under Staff',
  'reason.pin_record_tampered':
    '{name}’s PIN record does not match the ledger (changed outside the app); sign-in refused. An administrator should reset this person’s PIN and verify the database',
  'reason.pin_wrong': 'Wrong PIN ({triesLeft, plural, one {# try left} other {# tries left}})',
  'reason.pin_wrong_locked':
    '{tries, plural, one {# wrong PIN} other {# wrong PINs}} in a row: {name} is locked for {minutes, plural, one {# minute} other {# minutes}}',
  'reason.pin_locked':
    '{name} is locked after {tries, plural, one {# wrong PIN} other {# wrong PINs}} in a row; try again in {minutes, plural, one {# minute} other {# minutes}} or ask an administrator to reset it',
  'reason.pin_just_reset': '{name}’s PIN was just reset; sign in with the new PIN',
  'reason.policy_no_changes': 'Nothing to change',
  'reason.backup_nothing_yet': 'There are no staff yet, so there is nothing to back up',
  'reason.backup_in_memory': 'A database held in memory has no backups and cannot be restored',
  'reason.backup_unsound': 'The backup failed its check and was deleted: {problem}{count, plural, =1 {} other { (# problems in all)}}',
  'reason.backup_not_found': 'No verified backup {file}',
  'reason.backup_newest_kept': '{file} is the newest verified backup, which a restore relies on; it cannot be deleted',
  'reason.restore_backup_unsound':
    'The backup file failed its check; nothing was restored: {problem}{count, plural, =1 {} other { (# problems in all)}}',
  'reason.restore_no_manifest':
    'Not restored: {file} has no verified backup record beside it ({manifest}), so it cannot be shown to be the app’s own backup',
  'reason.restore_manifest_mismatch':
    'Not restored: the ledger chain of {file} ({rows, plural, one {# entry} other {# entries}}, ending {head}…) differs from its backup record ({manifestRows, plural, one {# entry} other {# entries}}, ending {manifestHead}…): the backup was changed after it was written',
  'reason.restore_history_broken':
    'Not restored: the ledger chain of {file} does not continue the last verified backup before it, {before} (entry {seq} differs), nor is it an earlier state of the database or of any backup: the ledger was most likely recomputed outside the app',
  'reason.restore_history_unknown':
    'Not restored: the ledger chain of {file} matches neither the database nor any backup: the ledger was most likely recomputed outside the app',
  'reason.restore_copy_failed':
    'Not restored, the database is unchanged: the copy for the restore could not be written beside it ({detail})',
  'reason.restore_failed_put_back': 'The restore failed; the database from before it is back: {detail}',
  'reason.restore_failed_unchanged': 'Not restored, the database is unchanged: {detail}',
  'reason.restore_reopen_damaged': 'The restored database failed its check on opening: {detail}',
  'reason.data_safety_failed': 'The backup or restore did not finish: {detail}',
  'reason.restore_group_by_command':
    'Not restored: an office group’s PostgreSQL database is not restored while it runs. On the server, run npm run salesdesk -- restore-group {file} to restore it into a new database, check it, then point SALESDESK_DATABASE_URL at it',
  'reason.backup_in_progress': 'Another app server (or this one) is backing up the office group’s database; try again shortly',
  'reason.backup_tool_missing':
    'PostgreSQL’s {tool} is not installed on this machine: the office group’s database cannot be backed up or restored (apt-get install -y postgresql-client)',
  'reason.import_site_invalid': 'Name the sales office being imported with --site (at most 60 characters)',
  'reason.site_needs_group': 'Only an office group’s database (PostgreSQL) has sites; a single office’s file is one site',
  'reason.site_code_invalid':
    'Site code “{code}” cannot be used: lower-case letters, digits and _, starting with a letter, at most 30 (main is the home site)',
  'reason.site_name_invalid': 'A site’s name must not be empty nor longer than 60 characters',
  'reason.site_exists': 'The office group already has a site with code “{code}”',
  'reason.site_unknown': 'The office group has no site with code “{code}”',
  'reason.site_staff_same_site': 'This colleague is already at this project: pick someone from another project',
  'reason.site_staff_not_found': 'Project {site} has no active staff member with number {staffId}',
  'reason.site_staff_already_here': 'Staff number {staffId} is already this same person here; nothing to add',
  'reason.import_site_done': 'Sales office “{site}” was already imported on {importedAt}; it cannot be imported twice',
  'reason.import_group_not_empty':
    'Site {site} already holds data ({table}: {rows, plural, one {# row} other {# rows}}); an office’s file is imported only into a site without any',
  'reason.import_source_unsound':
    'Not imported: the office’s file {file} failed its check: {problem}{count, plural, =1 {} other { (# problems in all)}}',
  'reason.import_source_version':
    'Not imported: the file {file} is at version {version}, this Salesdesk at {supported}. Open the file once with this Salesdesk (it upgrades itself), then import it',
  'reason.import_unknown_table': 'Not imported: the file has a table this Salesdesk does not know: {table}',
  'reason.import_copy_failed': 'Not imported, the group database is unchanged: copying table {table} failed ({detail})',
  'reason.import_counts_differ':
    'Not imported, the group database is unchanged: table {table} has {source} rows in the file but {group} in the group database',
  'reason.import_rows_differ':
    'Not imported, the group database is unchanged: table {table} read back from the group database differs from the file',
  'reason.import_group_unsound':
    'Not imported, the group database is unchanged: the group database’s ledger chain does not verify: {problem}{count, plural, =1 {} other { (# problems in all)}}',
};
