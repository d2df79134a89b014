/**
 * `salesdesk import-office FILE.sqlite --site NAME [--code CODE] [--source-key FILE]`: moves one sales office's file
 * into the office group's PostgreSQL database (SALESDESK_DATABASE_URL), table by table, verified on both sides
 * (src/db/import-office.ts): into the site of that name while it is empty (the home site of an empty group, or one
 * `salesdesk site add` made), else into a new site of its own (code CODE, or the name's initials). The office's ledger key is the salesdesk.key beside its file unless --source-key
 * names it; the group's key is the one the group's app servers use (SALESDESK_LEDGER_KEY_FILE, else
 * salesdesk.key in SALESDESK_DATA_DIR), made on the first use of an empty group database.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { groupLedgerKey } from '../app-postgres';
import { importOffice } from '../db/import-office';
import { KEY_FILE_NAME } from '../db/ledger-key';
import { migrateToLatest } from '../db/migrate';
import { isPostgresUrl, openPostgres } from '../db/postgres';
import { systemClock } from '../domain/clock';
import { requireFile } from './data';
import { failureWords } from './words';

const USAGE =
  '用法: salesdesk import-office FILE.sqlite --site 售楼处名称 [--code 代码] [--source-key 密钥文件]（需设置 SALESDESK_DATABASE_URL）';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function importOfficeCommand(
  args: string[],
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
): Promise<number> {
  const site = option(args, '--site');
  const keyArg = option(args, '--source-key');
  const code = option(args, '--code');
  const valued = ['--site', '--source-key', '--code'];
  const file = args.find((a, i) => !a.startsWith('--') && !valued.includes(args[i - 1] ?? ''));
  const url = process.env.SALESDESK_DATABASE_URL;
  if (!file || site === undefined) {
    printError(USAGE);
    return 2;
  }
  if (!isPostgresUrl(url)) {
    printError(
      `import-office 把售楼处的数据导入办公室组的 PostgreSQL 数据库：请先设置 SALESDESK_DATABASE_URL=postgres://… 指向它\n${USAGE}`,
    );
    return 2;
  }
  const path = resolve(file);
  if (!requireFile(path, printError)) return 2;
  const keyFile = keyArg ? resolve(keyArg) : join(dirname(path), KEY_FILE_NAME);
  if (keyArg && !existsSync(keyFile)) {
    printError(`找不到售楼处的账本密钥文件 ${keyFile}`);
    return 2;
  }
  const sourceKey = existsSync(keyFile) ? readFileSync(keyFile) : null;

  const groupKey = await groupLedgerKey({ databaseUrl: url });
  const handle = openPostgres(url, { ledgerKey: groupKey, max: 2 });
  try {
    await migrateToLatest(handle.db);
    print(`正在把 ${path} 导入办公室组的数据库（售楼处：${site.trim()}）`);
    const report = await importOffice({
      file: path,
      sourceKey,
      db: handle.db,
      groupKey,
      site,
      ...(code !== undefined ? { code } : {}),
      now: systemClock.now(),
      progress: (p) => {
        if (p.index === 1 && p.copied === 0)
          print('数据文件和办公室组数据库的账本链均已校验，开始逐表复制（全部在一个事务中，出错则什么都不改）：');
        if (p.copied === p.rows) print(`  [${String(p.index).padStart(2)}/${p.of}] ${p.table.padEnd(24)} ${p.rows} 行`);
        else if (p.copied > 0) print(`  [${String(p.index).padStart(2)}/${p.of}] ${p.table.padEnd(24)} ${p.copied}/${p.rows} 行…`);
      },
    });
    const tables = Object.values(report.counts).filter((n) => n > 0).length;
    const rows = Object.values(report.counts).reduce((a, b) => a + b, 0);
    print(`✓ 已导入售楼处“${report.site}”：${tables} 张表共 ${rows} 行，每张表的行数与内容都和数据文件一致`);
    print(
      report.isNew
        ? `  新建了售楼处 ${report.code}（数据在 ${report.schema}）；该售楼处的终端在登录页选择“${report.site}”`
        : `  导入到售楼处 ${report.code}（数据在 ${report.schema}）`,
    );
    print(`  数据文件的账本链 ${report.source.ledgerRows} 条全部吻合（末端 ${report.source.ledgerHead.slice(0, 16)}…）`);
    print(
      `  该售楼处在办公室组里的账本链 ${report.group.ledgerRows} 条全部吻合（末端 ${report.group.ledgerHead.slice(0, 16)}…）；导入记录已写入审计日志`,
    );
    return 0;
  } catch (e) {
    printError(`未导入: ${failureWords(e)}`);
    return 1;
  } finally {
    await handle.close();
  }
}
