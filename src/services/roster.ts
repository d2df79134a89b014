/** The roster (R-ROS-1 … 5, 10, 11, 13): starting the day, statuses, and the manager's changes to the order. */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { method } from '../api/define';
import { fail } from '../api/errors';
import { instant, optionalReason, reason, staffId } from '../api/schemas';
import type { Database } from '../db/schema';
import type { Policy } from '../domain/policy';
import { CONSULTANT_STATUSES, chooseRosterReceiver, emptyRoster, lunchDesk, type RosterEvent } from '../domain/roster';
import { MANAGERS, type Role } from '../domain/roles';
import { iso, officeDay } from '../domain/time';
import { policyAt, requireStaff, staffNames } from './common';
import { hasRole } from './context';
import { serveWaiting } from './reception';
import { appendRosterEvent, type LoadedRoster, requireTodaysRoster, rosterAt, todaysRoster } from './roster-store';

type Tx = Kysely<Database>;
const SIGNED_IN: readonly Role[] = ['consultant', 'front_desk', 'sales_manager', 'project_manager', 'sales_director', 'sales_assistant', 'admin'];
const STATUS_SETTERS: readonly Role[] = ['sales_manager', 'project_manager', 'sales_director', 'consultant'];

export interface RosterView {
  rosterId: number;
  day: string;
  queue: {
    id: string;
    name: string;
    status: (typeof CONSULTANT_STATUSES)[number];
    awayApproved: boolean;
    receiving: { visitId: number; reception: string; customerName: string }[];
  }[];
  /** who would receive the next roster walk-in now (null: nobody free) */
  next: string | null;
  /** walk-ins waiting for a free consultant, first come first served */
  waiting: { waitId: number; name: string; since: string }[];
  lunchDesk: string[];
}

export async function rosterView(tx: Tx, roster: LoadedRoster, policy: Policy): Promise<RosterView> {
  const { state } = roster;
  const names = await staffNames(tx, state.queue.map((e) => e.id));
  const visitIds = Object.values(state.busy).flatMap((l) => l.map((r) => r.visitId));
  const customers = visitIds.length
    ? await tx
        .selectFrom('visits')
        .innerJoin('customers', 'customers.id', 'visits.customer_id')
        .select(['visits.id', 'customers.name'])
        .where('visits.id', 'in', visitIds)
        .execute()
    : [];
  const customerOf = new Map(customers.map((c) => [c.id, c.name]));
  return {
    rosterId: roster.id,
    day: roster.day,
    queue: state.queue.map((e) => ({
      id: e.id,
      name: names[e.id] ?? e.id,
      status: e.status,
      awayApproved: e.awayApproved,
      receiving: (state.busy[e.id] ?? []).map((r) => ({ ...r, customerName: customerOf.get(r.visitId) ?? '' })),
    })),
    next: chooseRosterReceiver(state, policy)?.consultant ?? null,
    waiting: state.waiting.map((w) => ({ waitId: w.waitId, name: w.name, since: w.since })),
    lunchDesk: lunchDesk(state, policy),
  };
}

/** Manager actions share one shape: check the people, append the event, answer the new queue. */
async function managerChange(
  call: { tx: Tx; actor: { id: string } | null; now: Date; policy: Policy },
  event: RosterEvent,
  people: string[],
): Promise<RosterView> {
  const roster = await requireTodaysRoster(call.tx, call.now);
  for (const p of people) await requireStaff(call.tx, p);
  const next = await appendRosterEvent(call.tx, roster, event, call.actor!.id, call.now);
  // A consultant back on the floor (or moved) may be the one a waiting customer goes to.
  return rosterView(call.tx, await serveWaiting(call.tx, next, call.actor!.id, call.now, call.policy), call.policy);
}

export const rosterMethods = {
  'roster.start': method({
    roles: MANAGERS,
    summary: '开始今天的排班，给出售楼员的轮排顺序（R-ROS-1）',
    kind: 'write',
    input: z.object({ order: z.array(staffId).min(1, '排班表至少需要一位售楼员').max(200) }).strict(),
    run: async ({ tx, actor, input, now, policy }) => {
      if (await todaysRoster(tx, now)) throw fail.conflict('今天的排班已经开始；如需调整顺序，请使用调换或移动');
      if (new Set(input.order).size !== input.order.length) throw fail.validation('排班顺序中有重复的售楼员');
      for (const id of input.order) await requireStaff(tx, id, ['consultant']);
      const inserted = await tx
        .insertInto('rosters')
        .values({ day: officeDay(now), started_at: iso(now), started_by: actor!.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      const roster = await appendRosterEvent(tx, { id: inserted.id, day: officeDay(now), state: emptyRoster() }, { type: 'started', order: input.order }, actor!.id, now);
      return rosterView(tx, roster, policy);
    },
  }),

  'roster.today': method({
    roles: SIGNED_IN,
    summary: '今天的排班：队列、每人状态、下一位、午餐值班（R-ROS-11）',
    kind: 'read',
    input: z.object({}).strict(),
    run: async ({ tx, now, policy }) => {
      const roster = await todaysRoster(tx, now);
      return roster ? rosterView(tx, roster, policy) : null;
    },
  }),

  'roster.board': method({
    roles: 'public',
    summary: '大堂显示屏：下一位、随后三位、午餐值班（只有姓名，不含客户信息，无需登录）',
    kind: 'read',
    input: z.object({}).strict(),
    run: async ({ tx, now, policy }) => {
      const roster = await todaysRoster(tx, now);
      if (!roster) return { day: officeDay(now), started: false, next: null, following: [], lunchDesk: [], waiting: 0 };
      const view = await rosterView(tx, roster, policy);
      const person = (id: string) => ({ id, name: view.queue.find((e) => e.id === id)?.name ?? id });
      // "Following" are the ones who would receive after `next`, in queue order: on the floor, not receiving.
      const following = view.queue.filter((e) => e.id !== view.next && e.status === 'present' && e.receiving.length === 0).slice(0, 3);
      return {
        day: view.day,
        started: true,
        next: view.next ? person(view.next) : null,
        following: following.map((e) => person(e.id)),
        lunchDesk: view.lunchDesk.map(person),
        waiting: view.waiting.length,
      };
    },
  }),

  'roster.at': method({
    roles: MANAGERS,
    summary: '某一时刻的排班队列（争议时查看，R-ROS-13）',
    kind: 'read',
    input: z.object({ at: instant('时间格式应为 ISO-8601') }).strict(),
    run: async ({ tx, input }) => {
      const at = new Date(input.at);
      const roster = await rosterAt(tx, at);
      // judged by the policy of that moment, not today's
      return roster ? rosterView(tx, roster, await policyAt(tx, at)) : null;
    },
  }),

  'roster.status': method({
    roles: STATUS_SETTERS,
    summary: '标记售楼员在岗、缺岗、外出（项目经理批准的外出保留优先）、午餐、下班（R-ROS-3, 4, 13）',
    kind: 'write',
    input: z
      .object({
        consultant: staffId,
        status: z.enum(CONSULTANT_STATUSES, { error: '状态应为 在岗/缺岗/外出/午餐/下班 之一' }),
        approvedBy: staffId.optional().nullable(),
        reason: optionalReason,
      })
      .strict(),
    run: async (call) => {
      const { actor, input } = call;
      const isManager = hasRole(actor, MANAGERS);
      if (!isManager && (input.consultant !== actor!.id || !['present', 'lunch'].includes(input.status))) {
        throw fail.permission('售楼员只能为自己登记午餐或回到岗位；其他状态请找销售经理');
      }
      if (input.approvedBy) {
        if (input.status !== 'away') throw fail.validation('只有“外出”需要项目经理批准');
        // An approval is the approver's own act: nobody may record it in a PM's name.
        if (input.approvedBy !== actor!.id || !hasRole(actor, ['project_manager'])) {
          throw fail.permission('外出优先须由项目经理本人批准');
        }
        if (!input.reason) throw fail.validation('请填写外出的工作安排');
      }
      return managerChange(call, { type: 'status', consultant: input.consultant, status: input.status, approvedBy: input.approvedBy ?? null, reason: input.reason ?? null }, [input.consultant]);
    },
  }),

  'roster.swap': method({
    roles: MANAGERS,
    summary: '调换两位售楼员的顺序（R-ROS-2，记录批准人）',
    kind: 'write',
    input: z.object({ a: staffId, b: staffId, reason: optionalReason }).strict(),
    run: (call) => {
      if (call.input.a === call.input.b) throw fail.validation('请选择两位不同的售楼员');
      return managerChange(call, { type: 'swap', a: call.input.a, b: call.input.b, reason: call.input.reason ?? null }, [call.input.a, call.input.b]);
    },
  }),

  'roster.move': method({
    roles: MANAGERS,
    summary: '把售楼员移到队首、队尾或第 N 位（R-ROS-2）',
    kind: 'write',
    input: z
      .object({
        consultant: staffId,
        to: z.union([z.literal('head'), z.literal('tail'), z.number().int().min(1, '位置从 1 开始')], { error: '位置应为 head、tail 或从 1 开始的数字' }),
        reason: optionalReason,
      })
      .strict(),
    run: (call) => managerChange(call, { type: 'move', consultant: call.input.consultant, to: call.input.to, reason: call.input.reason ?? null }, [call.input.consultant]),
  }),

  'roster.disqualify': method({
    roles: MANAGERS,
    summary: '取消本轮接待资格（着装、准备不合规范），移到队尾并记录原因（R-ROS-5）',
    kind: 'write',
    input: z.object({ consultant: staffId, reason }).strict(),
    run: (call) => managerChange(call, { type: 'disqualify', consultant: call.input.consultant, reason: call.input.reason }, [call.input.consultant]),
  }),

  'roster.priority': method({
    roles: MANAGERS,
    summary: '给予优先轮值：放到队首（R-ROS-10，R-OWN-8g）',
    kind: 'write',
    input: z.object({ consultant: staffId, reason: optionalReason }).strict(),
    run: (call) => managerChange(call, { type: 'priority', consultant: call.input.consultant, reason: call.input.reason ?? null }, [call.input.consultant]),
  }),

  'roster.add': method({
    roles: MANAGERS,
    summary: '当天中途加入排班（排到队尾，R-ROS-2）',
    kind: 'write',
    input: z.object({ consultant: staffId, reason: optionalReason }).strict(),
    run: async (call) => {
      await requireStaff(call.tx, call.input.consultant, ['consultant']);
      return managerChange(call, { type: 'added', consultant: call.input.consultant, reason: call.input.reason ?? null }, []);
    },
  }),

  'roster.remove': method({
    roles: MANAGERS,
    summary: '当天中途移出排班（R-ROS-2）',
    kind: 'write',
    input: z.object({ consultant: staffId, reason }).strict(),
    run: (call) => managerChange(call, { type: 'removed', consultant: call.input.consultant, reason: call.input.reason }, [call.input.consultant]),
  }),
};
