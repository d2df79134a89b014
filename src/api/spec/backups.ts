/** Backups, verification and restore (they act on the database file: kind `file`). Handlers: src/services/backups.ts. */
import { z } from 'zod';
import { MANAGERS, type Role } from '../../domain/roles';

const KEEPERS: readonly Role[] = ['admin', 'sales_director'];
const ANYONE: readonly Role[] = ['consultant', 'front_desk', 'sales_assistant', 'admin', ...MANAGERS];
const fileName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\w.-]+\.(sqlite|dump)$/, 'file_name_shape');
import { defineSpec } from './define';

export const backupSpec = defineSpec({
  'backup.status': {
    roles: ANYONE,
    summary: '最近一次校验通过的备份，以及是否已超过两天（接待台据此提醒）',
    kind: 'read',
    station: true,
    input: z.object({}).strict(),
  },
  'backup.list': {
    roles: KEEPERS,
    summary: '全部校验通过的备份（按时间倒序）及其行数与账本链末端',
    kind: 'read',
    input: z.object({}).strict(),
  },
  'backup.now': {
    roles: KEEPERS,
    summary: '立即备份：在线备份、立即校验（完整性、重新打开、行数、账本链）；自动备份按 14 天 / 8 周 / 12 月轮换，手动备份一直保留',
    kind: 'file',
    input: z.object({}).strict(),
  },
  'backup.verify': {
    roles: KEEPERS,
    summary: '校验当前数据库的账本链，指出第一条在程序之外被改动、删除或加入的记录',
    kind: 'file',
    input: z.object({}).strict(),
  },
  'backup.remove': {
    roles: KEEPERS,
    summary:
      '删除一份校验通过的备份（手动备份和恢复前的备份不会被轮换删除，只能由人在这里删除；最近一次校验通过的备份不能删除；损坏文件的字节副本 damaged-… 不在列表中，需在文件夹中手动删除）',
    kind: 'file',
    input: z.object({ file: fileName }).strict(),
  },
  'backup.restore': {
    roles: KEEPERS,
    summary:
      '从备份恢复：先完整校验备份（是售楼接待台数据库、有员工、账本链与备份说明及已知的链末端一致），再保留当前数据库的副本，然后整体替换；不通过则当前数据库一字节不变',
    kind: 'file',
    input: z.object({ file: fileName }).strict(),
  },
});
