/**
 * `salesdesk site add CODE --name 名称`, `site list`, `site name CODE --name 名称`: an office group's sites
 * (售楼处 / 项目, src/db/sites.ts) on the PostgreSQL database SALESDESK_DATABASE_URL names. A new site gets a schema of
 * its own with every migration applied; its first staff are made by its first-run setup, at a terminal signed in
 * to that site (the sign-in screen lists the sites once there are two), or by importing its office's file.
 */
import { groupLedgerKey } from '../app-postgres';
import { isPostgresUrl, openPostgres } from '../db/postgres';
import { addSite, listSites, renameSite } from '../db/sites';
import { migrateToLatest } from '../db/migrate';
import { systemClock } from '../domain/clock';
import { failureWords } from './words';

const USAGE = '用法: salesdesk site add 代码 --name 名称 | site list | site name 代码 --name 名称（需设置 SALESDESK_DATABASE_URL）';

export async function siteCommand(
  args: string[],
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
): Promise<number> {
  const [verb, code] = args;
  const n = args.indexOf('--name');
  const name = n >= 0 ? args[n + 1] : undefined;
  const url = process.env.SALESDESK_DATABASE_URL;
  if (!isPostgresUrl(url)) {
    printError(`site 管理办公室组的售楼处：请先设置 SALESDESK_DATABASE_URL=postgres://… 指向它\n${USAGE}`);
    return 2;
  }
  if (verb !== 'list' && (!code || code.startsWith('--') || name === undefined)) {
    printError(USAGE);
    return 2;
  }
  if (!['add', 'list', 'name'].includes(verb ?? '')) {
    printError(USAGE);
    return 2;
  }
  const handle = openPostgres(url, { ledgerKey: await groupLedgerKey({ databaseUrl: url }), max: 2 });
  try {
    await migrateToLatest(handle.db);
    if (verb === 'add') {
      const site = await addSite(handle.db, { code: code!, name: name!, now: systemClock.now() });
      print(`✓ 已新建售楼处“${site.name}”（代码 ${site.code}，数据在 ${site.schema}），已迁移到最新版本`);
    } else if (verb === 'name') {
      const site = await renameSite(handle.db, code!, name!);
      print(`✓ 售楼处 ${site.code} 现名“${site.name}”`);
    }
    for (const s of await listSites(handle.db)) print(`  ${s.code.padEnd(12)} ${(s.name ?? '（未命名）').padEnd(20)} ${s.schema}`);
    return 0;
  } catch (e) {
    printError(`失败: ${failureWords(e)}`);
    return 1;
  } finally {
    await handle.close();
  }
}
