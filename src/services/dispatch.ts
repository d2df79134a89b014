/**
 * dispatch lives in src/services, beside the handlers it runs: it needs the spec (src/api/spec), the handlers
 * and the services' common helpers (actor, policy, audit), and src/api must not import src/services.
 */
import type { Kysely } from 'kysely';
import { AppError, type ApiResult, fail } from '../api/errors';
import type { DispatchOutcome, Session } from '../api/session';
import { isMethodName, spec } from '../api/spec';
import type { MethodSpec } from '../api/spec/define';
import type { Database } from '../db/schema';
import { inTransaction } from '../db/transaction';
import type { Clock } from '../domain/clock';
import { ROLE_LABELS } from '../domain/roles';
import { audit, loadActor, policyAt, sessionEpoch } from './common';
import { type Call, type Host, hasRole } from './context';
import { handlers } from './handlers';

/** A handler with its types erased: dispatch checks the input against the same spec those types come from. */
type AnyHandler = { run(call: Call<unknown>): Promise<unknown>; session?: (output: unknown) => Session | null };

export interface DispatchContext {
  db: Kysely<Database>;
  clock: Clock;
  host: Host;
}

/** The audit log keeps what was asked, never a secret: PINs are replaced before the row is written. */
function redacted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redacted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, /pin$/i.test(k) ? '******' : redacted(v)]));
  }
  return value;
}

/** What the disk or SQLite said, told so a person at the desk knows what happened: nothing was saved. */
export function storageError(e: unknown): AppError | null {
  const code = String((e as { code?: unknown })?.code ?? '');
  if (code.startsWith('SQLITE_FULL')) return fail.invalidState('磁盘空间已满，操作未保存。请清理磁盘空间后再试。');
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return fail.invalidState('数据库正被另一个程序占用（已等待 5 秒），操作未保存，请稍后再试。');
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) return fail.invalidState('数据库文件或所在文件夹不能写入（只读），操作未保存。请检查文件夹权限。');
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) return fail.invalidState('数据库文件已损坏，操作未保存。请由管理员从最近的备份恢复。');
  if (code.startsWith('SQLITE_IOERR')) return fail.invalidState('读写磁盘时出错，操作未保存。请检查磁盘后再试。');
  // Services check what they refer to first (naming it); this is the net under a check that was missed.
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return fail.notFound('引用的记录不存在，操作未保存');
  return null;
}

/**
 * The single door into the services: unknown method → not_found; bad input → validation; wrong role →
 * permission; then one transaction (writes under BEGIN IMMEDIATE, audited in the same transaction).
 * Any refusal rolls the transaction back, so a refused call changes nothing.
 */
export async function dispatch(ctx: DispatchContext, session: Session | null, name: string, input: unknown): Promise<DispatchOutcome> {
  let ended = false;
  const drop = () => (ended ? { session: null } : {});
  try {
    if (!isMethodName(name)) throw fail.notFound(`未知的操作：${String(name).slice(0, 60)}`);
    const def: MethodSpec = spec[name];
    const handler = handlers[name] as unknown as AnyHandler;
    const now = ctx.clock.now();
    // A damaged file is never written to, whoever asks (the start-up check in src/app.ts).
    const readOnly = def.kind === 'write' || def.kind === 'auditedRead' ? ctx.host.readOnlyReason() : null;
    if (readOnly) throw fail.invalidState(readOnly);
    const body = async (tx: Kysely<Database>) => {
      // Who first, then what: a person without the role learns nothing about the input's shape.
      const found = session ? await loadActor(tx, session.staffId) : null;
      // A session ends when its person is deactivated or their PIN is reset (a newer epoch), on every terminal
      // at its next call: the transport is told to drop it; a public call (the sign-in picker) goes on as nobody.
      const stale = !!found && (session!.epoch ?? 0) !== (await sessionEpoch(tx, found.id));
      ended = !!session && (!found || stale);
      if (stale && def.roles !== 'public') throw fail.permission('PIN 已重设，请重新登录');
      const actor = ended ? null : found;
      if (def.roles !== 'public') {
        if (!actor) throw fail.permission('请先选择操作人员并登录');
        if (!hasRole(actor, def.roles)) {
          throw fail.permission(`此操作需要以下角色之一：${def.roles.map((r) => ROLE_LABELS[r]).join('、')}`);
        }
      }
      const parsed = def.input.safeParse(input ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? `（${issue.path.join('.')}）` : '';
        throw fail.validation(`${issue?.message ?? '输入不正确'}${where}`, parsed.error.issues.map((i) => ({ path: i.path, message: i.message })));
      }
      const policy = await policyAt(tx, now);
      const call: Call<unknown> = { kind: def.kind, tx, actor, input: parsed.data, now, policy, host: ctx.host };
      // Backups and restore act on the file: checked here, run after this read transaction ends.
      if (def.kind === 'file') return { exclusive: call, value: undefined as unknown };
      const value = await handler.run(call);
      if (def.kind === 'write') await audit(tx, now, actor?.id ?? null, name, redacted(parsed.data));
      return { exclusive: null, value };
    };
    const out = await inTransaction(ctx.db, def.kind === 'read' || def.kind === 'file' ? 'read' : 'write', body);
    const value = out.exclusive ? await handler.run({ ...out.exclusive, tx: ctx.db }) : out.value;
    const result: ApiResult<unknown> = { ok: true, value };
    return handler.session ? { result, session: handler.session(value) } : { result, ...drop() };
  } catch (e) {
    const known = e instanceof AppError ? e : storageError(e);
    if (known) return { result: { ok: false, error: { code: known.code, message: known.message, ...(known.details ? { details: known.details } : {}) } }, ...drop() };
    // Not a rule's refusal: a bug or a broken database. Say so plainly; details go to the log, not the desk.
    console.error(`[salesdesk] ${name} failed:`, e);
    return { result: { ok: false, error: { code: 'invalid_state', message: `系统内部错误，操作未保存（${(e as Error)?.message ?? e}）` } }, ...drop() };
  }
}
