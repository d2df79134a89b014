/** `salesdesk reset-pin STAFF_ID [DATABASE]`: the recovery at the machine when nobody can sign in as an admin. */
import { resolve } from 'node:path';
import { AppError, errorBody } from '../api/errors';
import { openApp } from '../app';
import { resetPinAtMachine } from '../services/staff';
import { defaultDb, requireFile } from './data';
import { refusalWords } from './words';

export async function resetPin(args: string[], print: (line: string) => void = console.log): Promise<number> {
  const [staffId, dbArg] = args;
  if (!staffId) {
    print('用法: salesdesk reset-pin STAFF_ID [DATABASE] (usage)');
    return 2;
  }
  const db = resolve(dbArg ?? defaultDb());
  if (!requireFile(db, print)) return 2;
  const app = await openApp({ dbPath: db });
  try {
    const r = await resetPinAtMachine(app.handle.db, staffId, app.clock.now(), app.readOnlyReason());
    print(`已重设 ${r.name}（${r.id}）的 PIN，锁定已解除，其所有登录已结束。新 PIN：${r.pin}`);
    print('请本人用新 PIN 登录；此操作已记入审计日志（cli.resetPin）。');
    return 0;
  } catch (e) {
    print(`未重设: ${e instanceof AppError ? refusalWords(errorBody(e)) : (e as Error).message}`);
    return 1;
  } finally {
    await app.close();
  }
}
