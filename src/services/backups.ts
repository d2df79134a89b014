/** Backups, verification and restore as API methods (R-SEC-2): the director's and admin's data-safety screen. */
import { differenceInHours } from 'date-fns';
import { z } from 'zod';
import { method } from '../api/define';
import { fail } from '../api/errors';
import { MANAGERS, type Role } from '../domain/roles';
import { audit } from './common';

const KEEPERS: readonly Role[] = ['admin', 'sales_director'];
const ANYONE: readonly Role[] = ['consultant', 'front_desk', 'sales_assistant', 'admin', ...MANAGERS];
/** The desk warns when the newest verified backup is older than this. */
export const STALE_AFTER_HOURS = 48;

const fileName = z.string().trim().min(1, '请选择备份文件').max(200).regex(/^[\w.-]+\.sqlite$/, '备份文件名不正确');
const failing = async <T>(work: () => Promise<T> | T): Promise<T> => {
  try {
    return await work();
  } catch (e) {
    throw fail.invalidState((e as Error).message);
  }
};

export const backupMethods = {
  'backup.status': method({
    roles: ANYONE,
    summary: '最近一次校验通过的备份，以及是否已超过两天（接待台据此提醒）',
    kind: 'read',
    input: z.object({}).strict(),
    run: async ({ host, now }) => {
      const last = host.listBackups()[0] ?? null;
      const ageHours = last ? differenceInHours(now, new Date(last.at)) : null;
      return {
        persistent: host.dbPath !== null,
        lastGood: last ? { file: last.file, at: last.at, ageHours } : null,
        stale: host.dbPath !== null && (ageHours === null || ageHours > STALE_AFTER_HOURS),
        readOnly: host.readOnlyReason(),
      };
    },
  }),

  'backup.list': method({
    roles: KEEPERS,
    summary: '全部校验通过的备份（按时间倒序）及其行数与账本链末端',
    kind: 'read',
    input: z.object({}).strict(),
    run: async ({ host }) => host.listBackups(),
  }),

  'backup.now': method({
    roles: KEEPERS,
    summary: '立即备份：在线备份、立即校验（完整性、重新打开、行数、账本链）；自动备份按 14 天 / 8 周 / 12 月轮换，手动备份一直保留',
    kind: 'file',
    input: z.object({}).strict(),
    run: async ({ host, tx, actor, now }) => {
      const m = await failing(() => host.backupNow('manual'));
      if (!m) throw fail.invalidState('还没有任何员工，没有可以备份的内容');
      await audit(tx, now, actor!.id, 'backup.now', { file: m.file });
      return m;
    },
  }),

  'backup.verify': method({
    roles: KEEPERS,
    summary: '校验当前数据库的账本链，指出第一条在程序之外被改动、删除或加入的记录',
    kind: 'file',
    input: z.object({}).strict(),
    run: async ({ host, tx, actor, now }) => {
      const r = host.verify();
      await audit(tx, now, actor!.id, 'backup.verify', { ok: r.ok, rows: r.rows, firstProblem: r.problems[0]?.message ?? null });
      return r;
    },
  }),

  'backup.remove': method({
    roles: KEEPERS,
    summary: '删除一份校验通过的备份（手动备份和恢复前的备份不会被轮换删除，只能由人在这里删除；最近一次校验通过的备份不能删除；损坏文件的字节副本 damaged-… 不在列表中，需在文件夹中手动删除）',
    kind: 'file',
    input: z.object({ file: fileName }).strict(),
    run: async ({ host, tx, input, actor, now }) => {
      const m = await failing(() => host.removeBackup(input.file));
      await audit(tx, now, actor!.id, 'backup.remove', { file: m.file, reason: m.reason, at: m.at, ledgerRows: m.ledgerRows });
      return { removed: m.file };
    },
  }),

  'backup.restore': method({
    roles: KEEPERS,
    summary: '从备份恢复：先完整校验备份（是售楼接待台数据库、有员工、账本链与备份说明及已知的链末端一致），再保留当前数据库的副本，然后整体替换；不通过则当前数据库一字节不变',
    kind: 'file',
    input: z.object({ file: fileName }).strict(),
    run: async ({ host, input, actor, now }) => {
      const r = await failing(() => host.restore(input.file));
      // written into the restored database, so the restore itself is on record there
      await host.recordAudit(now, actor!.id, 'backup.restore', { file: input.file, safetyCopy: r.safetyCopy });
      return r;
    },
  }),
};
