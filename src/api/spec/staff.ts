/** Staff, first run, sign-in. Handlers: src/services/staff.ts. */
import { z } from 'zod';
import { PIN_PATTERN } from '../../domain/pin-shape';
import { ROLES } from '../../domain/roles';
import { personName, role, staffId } from '../schemas';

/**
 * Who administers staff: an office needs one active at all times (last_staff_admin), first-run setup needs one,
 * and each of them needs a PIN there (setup_needs_admin, setup_admin_pin_required); decided in
 * src/domain/staff-rules.ts. The first-run form asks for a PIN by the same list.
 */
import { STAFF_ADMINS } from '../../domain/staff-rules';
export { STAFF_ADMINS };
/** A PIN's shape (src/domain/pin-shape.ts), for forms that check it before sending. */
export { PIN_PATTERN };
const pin = z.string().regex(PIN_PATTERN, 'pin_shape');
const newStaff = z.object({
  id: staffId.regex(/^[A-Za-z0-9_.-]+$/, 'staff_id_shape').optional(),
  name: personName,
  roles: z.array(role).min(1).max(ROLES.length),
  pin: pin.optional(),
});
import { defineSpec } from './define';

export const staffSpec = defineSpec({
  'staff.list': {
    roles: 'public',
    summary: '列出在职员工及其角色（选择操作人员用；不含 PIN）',
    kind: 'read',
    input: z.object({ includeInactive: z.boolean().optional() }).strict(),
  },
  'staff.create': {
    roles: STAFF_ADMINS,
    summary: '新增员工并设置初始 PIN（管理员或销售总监）',
    kind: 'write',
    input: newStaff.strict(),
  },
  'staff.update': {
    roles: STAFF_ADMINS,
    summary: '修改员工的角色，或停用 / 重新启用（员工从不删除，历史记录保留其姓名）',
    kind: 'write',
    input: z.object({ id: staffId, roles: z.array(role).min(1).max(ROLES.length).optional(), active: z.boolean().optional() }).strict(),
  },
  'staff.addFromSite': {
    roles: STAFF_ADMINS,
    summary:
      '从办公室组的其他项目添加同事：在本项目建立同一编号、同一姓名、同一 PIN 的账号，角色按此处所给；两个账号属于同一人（同一 PIN，错误次数与锁定合并计算；停用仍按项目）',
    kind: 'write',
    input: z
      .object({
        site: z
          .string()
          .trim()
          .regex(/^[a-z0-9_]{1,40}$/),
        id: staffId,
        roles: z.array(role).min(1).max(ROLES.length),
      })
      .strict(),
  },
  'staff.otherSites': {
    roles: STAFF_ADMINS,
    summary: '办公室组其他项目的在职员工（尚未在本项目的人），供“从其他项目添加”选择；不含 PIN 与角色',
    kind: 'read',
    input: z.object({}).strict(),
  },
  'staff.resetPin': {
    roles: STAFF_ADMINS,
    summary: '重设员工的 PIN（同时解除锁定，并结束该员工在所有终端上的登录；系统管理员的 PIN 只有系统管理员能重设；不能重设自己的 PIN）',
    kind: 'write',
    input: z.object({ id: staffId, pin }).strict(),
  },
  'setup.firstRun': {
    roles: 'public',
    summary: '首次运行：数据库中还没有任何员工时，创建第一批员工及其 PIN（之后此方法拒绝调用；没有默认密码）',
    kind: 'write',
    input: z
      .object({
        staff: z
          .array(newStaff.extend({ id: newStaff.shape.id.unwrap() }).strict())
          .min(1)
          .max(200),
      })
      .strict(),
  },
  'session.signIn': {
    roles: 'public',
    summary: '以本人 PIN 切换当前操作人员（连续 5 次错误锁定 1 分钟，之后每错一次锁定时间加倍，最长 30 分钟；每个操作都记在人员名下）',
    // The PIN check (~0.25 s) runs outside any transaction so it never holds the desk's database; its outcome is written in one.
    kind: 'file',
    input: z.object({ staffId, pin }).strict(),
  },
  'session.openStation': {
    roles: 'public',
    summary:
      '以本人 PIN 把本机打开为接待台工作站（接待台或经理）：工作站本身只能查看排班与来访查询，其余每个操作都须由操作人员当场输入本人 PIN，记在其名下；当天结束时关闭',
    kind: 'file',
    input: z.object({ staffId, pin }).strict(),
  },
  'session.signOut': {
    roles: 'public',
    summary: '退出当前人员',
    kind: 'read',
    input: z.object({}).strict(),
  },
  'session.sites': {
    roles: 'public',
    summary: '办公室组的售楼处（项目）列表，登录时选择（单个售楼处的数据文件就是一个售楼处，列表为空）',
    kind: 'read',
    input: z.object({}).strict(),
  },
  'session.me': {
    roles: 'public',
    summary: '当前操作人员（未登录为 null）',
    kind: 'read',
    input: z.object({}).strict(),
  },
});
