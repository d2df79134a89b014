/**
 * The `salesdesk` command line: replay scenarios, fill a demo office, back up, verify and restore the data, reset a PIN at the machine,
 * move an office's file into an office group's PostgreSQL database.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { backup, restore, verify } from './data';
import { demo } from './demo';
import { groupBackup, groupVerify, restoreGroup } from './group-backup';
import { importOfficeCommand } from './import-office';
import { resetPin } from './pin';
import { siteCommand } from './sites';
import { replayText } from './replay';

async function replay(files: string[]): Promise<number> {
  if (files.length === 0) {
    console.error('用法: salesdesk replay FILE.yaml… (usage: salesdesk replay FILE…)');
    return 2;
  }
  let failed = 0;
  let passedSteps = 0;
  let failedSteps = 0;
  for (const file of files) {
    let report;
    try {
      report = await replayText(readFileSync(file, 'utf8'));
    } catch (e) {
      console.log(`✗ ${basename(file)}: 无法读取场景文件 — ${(e as Error).message}`);
      failed++;
      continue;
    }
    console.log(`${report.ok ? '✓' : '✗'} ${basename(file)} — ${report.name}`);
    for (const s of report.steps) {
      console.log(`  ${s.ok ? 'ok  ' : 'FAIL'} #${String(s.line).padStart(2)} ${s.at.padEnd(16)} ${s.label.padEnd(28)} ${s.message}`);
      if (s.ok) passedSteps++;
      else failedSteps++;
    }
    if (!report.ok) failed++;
  }
  console.log(`\n${files.length - failed} of ${files.length} scenarios replay clean; ${passedSteps} steps passed, ${failedSteps} failed`);
  return failed === 0 ? 0 : 1;
}

const [command, ...args] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<number>> = {
  replay,
  demo,
  backup,
  verify,
  restore,
  'reset-pin': (a) => resetPin(a),
  'import-office': (a) => importOfficeCommand(a),
  'restore-group': (a) => restoreGroup(a),
  site: (a) => siteCommand(a),
};
const run = command ? commands[command] : undefined;
if (!run) {
  console.error(`未知命令 ${command ?? ''}。可用: ${Object.keys(commands).join(', ')}`);
  process.exit(2);
}
// The file commands work on an office's SQLite file; with SALESDESK_DATABASE_URL, backup and verify work on the office
// group's PostgreSQL database instead (src/cli/group-backup.ts), restore-group and import-office need it.
const GROUP_COMMANDS: Record<string, (args: string[]) => Promise<number>> = { backup: () => groupBackup(), verify: (a) => groupVerify(a) };
const FILE_COMMANDS = new Set(['demo', 'restore', 'reset-pin']);
const group = !!process.env.SALESDESK_DATABASE_URL;
if (group && FILE_COMMANDS.has(command!)) {
  console.error(
    `${command} 只用于单个售楼处的 SQLite 数据文件；已设置 SALESDESK_DATABASE_URL（PostgreSQL 办公室组）${command === 'restore' ? '，办公室组请用 restore-group' : ''} / ${command} works on an office's SQLite file, not on the PostgreSQL database SALESDESK_DATABASE_URL names`,
  );
  process.exit(2);
}
if (!group && command === 'restore-group') {
  console.error('restore-group 恢复办公室组的 PostgreSQL 数据库：请先设置 SALESDESK_DATABASE_URL=postgres://… 指向它所在的服务器');
  process.exit(2);
}
const chosen = (group && command && GROUP_COMMANDS[command]) || run;
// A command that fails says so in one sentence; the stack trace is for a developer, not the office.
chosen(args).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`失败: ${(e as Error)?.message ?? e}`);
    process.exit(1);
  },
);
