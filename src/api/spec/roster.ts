/** The roster: starting the day, statuses, the manager's changes to the order. Handlers: src/services/roster.ts. */
import { z } from 'zod';
import { CONSULTANT_STATUSES } from '../../domain/roster';
import { MANAGERS, type Role } from '../../domain/roles';
import { instant, optionalReason, reason, staffId } from '../schemas';

const SIGNED_IN: readonly Role[] = [
  'consultant',
  'front_desk',
  'sales_manager',
  'project_manager',
  'sales_director',
  'sales_assistant',
  'admin',
];
const STATUS_SETTERS: readonly Role[] = ['sales_manager', 'project_manager', 'sales_director', 'consultant'];
/** R-ROS-4: who approves an errand that keeps its place (decided in src/domain/roster-changes.ts; the roster screen offers the same). */
export { ERRAND_APPROVERS } from '../../domain/roster-changes';
import { defineSpec } from './define';

export const rosterSpec = defineSpec({
  'roster.start': {
    roles: MANAGERS,
    summary: '开始今天的排班，给出售楼员的轮排顺序（R-ROS-1）',
    kind: 'write',
    input: z.object({ order: z.array(staffId).min(1).max(200) }).strict(),
  },
  'roster.today': {
    roles: SIGNED_IN,
    summary: '今天的排班：队列、每人状态、下一位、午餐值班（R-ROS-11）',
    kind: 'read',
    station: true,
    input: z.object({}).strict(),
  },
  'roster.board': {
    roles: 'public',
    summary: '大堂显示屏：下一位、随后三位、午餐值班（只有姓名，不含客户信息，无需登录）',
    kind: 'read',
    input: z.object({}).strict(),
  },
  'roster.at': {
    roles: MANAGERS,
    summary: '某一时刻的排班队列（争议时查看，R-ROS-13）',
    kind: 'read',
    input: z.object({ at: instant() }).strict(),
  },
  'roster.status': {
    roles: STATUS_SETTERS,
    summary: '标记售楼员在岗、缺岗、外出（项目经理批准的外出保留优先）、午餐、下班（R-ROS-3, 4, 13）',
    kind: 'write',
    input: z
      .object({
        consultant: staffId,
        status: z.enum(CONSULTANT_STATUSES),
        approvedBy: staffId.optional().nullable(),
        reason: optionalReason,
      })
      .strict(),
  },
  'roster.swap': {
    roles: MANAGERS,
    summary: '调换两位售楼员的顺序（R-ROS-2，记录批准人）',
    kind: 'write',
    input: z.object({ a: staffId, b: staffId, reason: optionalReason }).strict(),
  },
  'roster.move': {
    roles: MANAGERS,
    summary: '把售楼员移到队首、队尾或第 N 位（R-ROS-2）',
    kind: 'write',
    input: z
      .object({
        consultant: staffId,
        to: z.union([z.literal('head'), z.literal('tail'), z.number().int().min(1)]),
        reason: optionalReason,
      })
      .strict(),
  },
  'roster.disqualify': {
    roles: MANAGERS,
    summary: '取消本轮接待资格（着装、准备不合规范），移到队尾并记录原因（R-ROS-5）',
    kind: 'write',
    input: z.object({ consultant: staffId, reason }).strict(),
  },
  'roster.priority': {
    roles: MANAGERS,
    summary: '给予优先轮值：放到队首（R-ROS-10，R-OWN-8g）',
    kind: 'write',
    input: z.object({ consultant: staffId, reason: optionalReason }).strict(),
  },
  'roster.add': {
    roles: MANAGERS,
    summary: '当天中途加入排班（排到队尾，R-ROS-2）',
    kind: 'write',
    input: z.object({ consultant: staffId, reason: optionalReason }).strict(),
  },
  'roster.remove': {
    roles: MANAGERS,
    summary: '当天中途移出排班（R-ROS-2）',
    kind: 'write',
    input: z.object({ consultant: staffId, reason }).strict(),
  },
});
