import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/schema';
import { inWriteTransaction } from '../db/transaction';
import type { Clock } from '../domain/clock';
import { ROLE_LABELS } from '../domain/roles';
import { audit, loadActor, policyAt } from '../services/common';
import { hasRole } from '../services/context';
import { contract, isMethodName } from './contract';
import type { MethodDef } from './define';
import { AppError, type ApiResult, fail } from './errors';
import type { DispatchOutcome, Session } from './session';

export interface DispatchContext {
  db: Kysely<Database>;
  clock: Clock;
}

/**
 * The single door into the services: unknown method → not_found; bad input → validation; wrong role →
 * permission; then one transaction (writes under BEGIN IMMEDIATE, audited in the same transaction).
 * Any refusal rolls the transaction back, so a refused call changes nothing.
 */
export async function dispatch(ctx: DispatchContext, session: Session | null, name: string, input: unknown): Promise<DispatchOutcome> {
  try {
    if (!isMethodName(name)) throw fail.notFound(`未知的操作：${String(name).slice(0, 60)}`);
    const def = contract[name] as MethodDef;
    const now = ctx.clock.now();
    const body = async (tx: Kysely<Database>) => {
      // Who first, then what: a person without the role learns nothing about the input's shape.
      const actor = session ? await loadActor(tx, session.staffId) : null;
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
      const value = await def.run({ tx, actor, input: parsed.data, now, policy });
      if (def.write) await audit(tx, now, actor?.id ?? null, name, parsed.data);
      return value;
    };
    const value = def.write ? await inWriteTransaction(ctx.db, body) : await inReadTransaction(ctx.db, body);
    const result: ApiResult<unknown> = { ok: true, value };
    return def.session ? { result, session: def.session(value) } : { result };
  } catch (e) {
    if (e instanceof AppError) return { result: { ok: false, error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } } };
    // Not a rule's refusal: a bug or a broken database. Say so plainly; details go to the log, not the desk.
    console.error(`[salesdesk] ${name} failed:`, e);
    return { result: { ok: false, error: { code: 'invalid_state', message: `系统内部错误，操作未保存（${(e as Error)?.message ?? e}）` } } };
  }
}

/** Reads see one consistent snapshot even while another connection writes. */
async function inReadTransaction<T>(db: Kysely<Database>, fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`BEGIN`.execute(conn);
    try {
      const out = await fn(conn);
      await sql`COMMIT`.execute(conn);
      return out;
    } catch (e) {
      await sql`ROLLBACK`.execute(conn);
      throw e;
    }
  });
}
