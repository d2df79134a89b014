/** `salesdesk backup | verify | restore`: the data-safety commands (R-SEC-2, R-OWN-4). */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApp } from '../app';
import { inspectDatabase } from '../db/backup';
import { checkWords, failureWords } from './words';

export const defaultDb = () => resolve(process.env.SALESDESK_DATA_DIR ?? 'data', 'salesdesk.sqlite');

export function requireFile(path: string, print: (line: string) => void = console.error): boolean {
  if (existsSync(path)) return true;
  print(`找不到数据库文件 ${path} (no such database)`);
  return false;
}

export async function backup(args: string[]): Promise<number> {
  const db = resolve(args[0] ?? defaultDb());
  if (!requireFile(db)) return 2;
  const app = await openApp({ dbPath: db });
  try {
    const m = await app.backupNow('manual');
    if (!m) {
      console.log('还没有任何员工（尚未完成首次设置），没有可以备份的内容');
      return 0;
    }
    console.log(`已备份并校验: ${m.file}（账本 ${m.ledgerRows} 条，完整性 ${m.integrity}）`);
    return 0;
  } catch (e) {
    console.error(`备份失败: ${failureWords(e)}`);
    return 1;
  } finally {
    await app.close();
  }
}

/** Checks a database or backup file without changing it: integrity, then the whole ledger chain. */
export async function verify(args: string[]): Promise<number> {
  const file = resolve(args[0] ?? defaultDb());
  if (!requireFile(file)) return 2;
  const r = inspectDatabase(file);
  if (r.ok) {
    console.log(`✓ ${file}: 完整性 ok，员工 ${r.counts.staff} 人，账本链 ${r.ledgerRows} 条全部吻合（末端 ${r.ledgerHead.slice(0, 16)}…）`);
    return 0;
  }
  if (r.problems.length === 1) {
    console.log(`✗ ${file}: ${checkWords(r.problems[0]!)}。`);
    return 1;
  }
  console.log(`✗ ${file}: 发现 ${r.problems.length} 处问题，第一处：`);
  for (const p of r.problems) console.log(`  - ${checkWords(p)}`);
  return 1;
}

export async function restore(args: string[]): Promise<number> {
  const [file, dbArg] = args;
  if (!file) {
    console.error('用法: salesdesk restore BACKUP_FILE [DATABASE] (usage)');
    return 2;
  }
  const db = resolve(dbArg ?? defaultDb());
  if (!requireFile(db)) return 2;
  const app = await openApp({ dbPath: db });
  try {
    const r = await app.restore(resolve(file));
    console.log(`已从 ${file} 恢复；恢复前的数据库已另存为 ${r.safetyCopy ?? '（原数据库已损坏，未另存）'}`);
    return r.ok ? 0 : 1;
  } catch (e) {
    console.error(`未恢复: ${failureWords(e)}`);
    return 1;
  } finally {
    await app.close();
  }
}
