/** Staff, roles and the acting person. (PIN sign-in, lockout and idle timeout arrive with R-SEC-1.) */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema';
import { method } from '../api/define';
import { fail } from '../api/errors';
import { personName, role, staffId } from '../api/schemas';
import { ROLES, type Role } from '../domain/roles';
import { iso } from '../domain/time';
import { loadActor } from './common';
import type { Actor } from './context';

const STAFF_ADMINS: readonly Role[] = ['admin', 'sales_director'];

async function insertStaff(tx: Kysely<Database>, now: Date, s: { id: string; name: string; roles: Role[] }) {
  const exists = await tx.selectFrom('staff').select('id').where('id', '=', s.id).executeTakeFirst();
  if (exists) throw fail.conflict(`员工编号 ${s.id} 已被使用`);
  await tx.insertInto('staff').values({ id: s.id, name: s.name, created_at: iso(now) }).execute();
  for (const r of new Set(s.roles)) await tx.insertInto('staff_roles').values({ staff_id: s.id, role: r }).execute();
}

/**
 * Puts a given team (and policy overrides) into an empty database in one transaction: the scenario
 * replayer's `staff:` and `policy:`. Not an API method — a running office adds staff through staff.create.
 */
export async function seedStaff(
  db: Kysely<Database>,
  staff: readonly { id: string; name: string; roles: Role[] }[],
  now: Date,
  policyOverrides: Record<string, unknown> = {},
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const s of staff) await insertStaff(tx, now, s);
    if (Object.keys(policyOverrides).length) {
      await tx.insertInto('policy_versions').values({ effective_at: iso(now), params: JSON.stringify(policyOverrides), created_by: null, created_at: iso(now) }).execute();
    }
  });
}

const newStaff = z.object({
  id: staffId.regex(/^[A-Za-z0-9_.-]+$/, '员工编号只能包含字母、数字、下划线、点和横线').optional(),
  name: personName,
  roles: z.array(role).min(1, '至少选择一个角色').max(ROLES.length),
});

export const staffMethods = {
  'staff.list': method({
    roles: 'public',
    summary: '列出在职员工及其角色（登录选择人员用）',
    write: false,
    input: z.object({}).strict(),
    run: async ({ tx }) => {
      const staff = await tx.selectFrom('staff').select(['id', 'name']).where('active', '=', 1).orderBy('created_at').orderBy('id').execute();
      const roles = await tx.selectFrom('staff_roles').select(['staff_id', 'role']).execute();
      return staff.map((s) => ({ ...s, roles: roles.filter((r) => r.staff_id === s.id).map((r) => r.role as Role) }));
    },
  }),

  'staff.create': method({
    roles: STAFF_ADMINS,
    summary: '新增员工（管理员或销售总监）',
    write: true,
    input: newStaff.strict(),
    run: async ({ tx, input, now }) => {
      const id = input.id ?? `s${now.getTime().toString(36)}${Math.floor(Math.random() * 1e4)}`;
      await insertStaff(tx, now, { id, name: input.name, roles: input.roles });
      return { id, name: input.name, roles: input.roles };
    },
  }),

  'setup.firstRun': method({
    roles: 'public',
    summary: '首次运行：数据库中还没有任何员工时，创建第一批员工（之后此方法拒绝调用）',
    write: true,
    input: z.object({ staff: z.array(newStaff.extend({ id: newStaff.shape.id.unwrap() }).strict()).min(1).max(200) }).strict(),
    run: async ({ tx, input, now }) => {
      const any = await tx.selectFrom('staff').select('id').limit(1).executeTakeFirst();
      if (any) throw fail.invalidState('系统已经设置过员工，请由管理员在员工管理中添加');
      if (!input.staff.some((s) => s.roles.includes('admin') || s.roles.includes('sales_director'))) {
        throw fail.validation('第一批员工中至少要有一位管理员或销售总监');
      }
      for (const s of input.staff) await insertStaff(tx, now, s);
      return { created: input.staff.length };
    },
  }),

  'session.signIn': method({
    roles: 'public',
    summary: '切换当前操作人员（每个操作都记在人员名下，而不是终端）',
    write: false,
    input: z.object({ staffId }).strict(),
    session: (actor: Actor) => ({ staffId: actor.id }),
    run: async ({ tx, input }) => {
      const actor = await loadActor(tx, input.staffId);
      if (!actor) throw fail.notFound('找不到该员工或已停用');
      return actor;
    },
  }),

  'session.signOut': method({
    roles: 'public',
    summary: '退出当前人员',
    write: false,
    input: z.object({}).strict(),
    session: () => null,
    run: async () => ({ signedOut: true }),
  }),

  'session.me': method({
    roles: 'public',
    summary: '当前操作人员（未登录为 null）',
    write: false,
    input: z.object({}).strict(),
    run: async ({ actor }) => actor,
  }),
};
