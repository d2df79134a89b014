/**
 * The data-safety commands for an office group's PostgreSQL database (SALESDESK_DATABASE_URL), beside data.ts's for
 * an office's file: `backup` (a pg_dump, restored into a scratch database and verified before it counts),
 * `verify [FILE.dump]` (the live chain, or a dump restored into a scratch database), and
 * `restore-group FILE.dump [--into NAME]` (into a new database, never over the live one).
 */
import { basename, resolve } from 'node:path';
import { format } from 'date-fns';
import { groupLedgerKey, openPostgresApp } from '../app-postgres';
import { backupsDir } from '../db/backup';
import { inspectDump, restoreGroupDump } from '../db/backup-postgres';
import { systemClock } from '../domain/clock';
import { defaultDb, requireFile } from './data';
import { checkWords, failureWords } from './words';

const groupUrl = () => process.env.SALESDESK_DATABASE_URL!;

export async function groupBackup(print = console.log, printError = console.error): Promise<number> {
  const app = await openPostgresApp({ databaseUrl: groupUrl(), backupDir: backupsDir(defaultDb()) });
  try {
    const m = await app.backupNow('manual');
    if (!m) {
      print('办公室组还没有任何员工（尚未完成首次设置），没有可以备份的内容');
      return 0;
    }
    print(`已备份并校验: ${m.file}（已恢复到临时数据库中检查：账本 ${m.ledgerRows} 条全部吻合，${Object.keys(m.counts).length} 张表）`);
    return 0;
  } catch (e) {
    printError(`备份失败: ${failureWords(e)}`);
    return 1;
  } finally {
    await app.close();
  }
}

export async function groupVerify(args: string[], print = console.log): Promise<number> {
  const key = await groupLedgerKey({ databaseUrl: groupUrl() });
  let r;
  let what: string;
  if (args[0]) {
    const file = resolve(args[0]);
    if (!requireFile(file)) return 2;
    what = file;
    r = await inspectDump(file, groupUrl(), key);
  } else {
    const app = await openPostgresApp({ databaseUrl: groupUrl(), ledgerKey: key });
    what = '办公室组的数据库';
    try {
      r = await app.verify();
    } finally {
      await app.close();
    }
  }
  if (r.ok) {
    print(`✓ ${what}: 账本链 ${'ledgerRows' in r ? r.ledgerRows : r.rows} 条全部吻合`);
    return 0;
  }
  print(`✗ ${what}: 发现 ${r.problems.length} 处问题：`);
  for (const p of r.problems) print(`  - ${checkWords(p)}`);
  return 1;
}

export async function restoreGroup(args: string[], print = console.log, printError = console.error): Promise<number> {
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--into');
  if (!file) {
    printError('用法: salesdesk restore-group BACKUP.dump [--into 新数据库名]（需设置 SALESDESK_DATABASE_URL）');
    return 2;
  }
  const path = resolve(file);
  if (!requireFile(path, printError)) return 2;
  const i = args.indexOf('--into');
  const into = i >= 0 && args[i + 1] ? args[i + 1]! : `salesdesk_restored_${format(systemClock.now(), 'yyyyMMdd_HHmmss')}`;
  try {
    const key = await groupLedgerKey({ databaseUrl: groupUrl() });
    const r = await restoreGroupDump(path, groupUrl(), into, key);
    print(`✓ 已把 ${basename(path)} 恢复到新数据库 ${into}，并已校验：账本 ${r.check.ledgerRows} 条全部吻合，与备份清单一致`);
    print('正在运行的数据库没有改动。要改用恢复的数据库：停止所有应用服务器，把 SALESDESK_DATABASE_URL 改为');
    print(`  ${r.url.replace(/\/\/[^@/]*@/, '//…@')}`);
    print('再启动它们。');
    return 0;
  } catch (e) {
    printError(`未恢复: ${failureWords(e)}`);
    return 1;
  }
}
