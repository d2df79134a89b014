/** The front desk: look a customer up, receive a walk-in, finish a reception. Handlers: src/services/desk.ts. */
import { z } from 'zod';
import { MANAGERS, type Role } from '../../domain/roles';
import { customerInput, optionalReason, personName, phone, recordId, staffId } from '../schemas';

const DESK: readonly Role[] = ['front_desk', 'consultant', ...MANAGERS];
/** Who records a walk-in out of turn and ends anyone's reception: decided in src/domain/desk-access.ts. */
export { DESK_STAFF } from '../../domain/desk-access';
import { defineSpec } from './define';

export const deskSpec = defineSpec({
  'desk.lookup': {
    roles: DESK,
    summary: '按电话（及姓名）查客户：新客户 / 归属某售楼员至某日 / 疑似老客户（R-OWN-7）',
    // audited: a consultant's exact lookup that finds another consultant's customer is logged (below)
    kind: 'auditedRead',
    station: true,
    // what the desk has chosen so far (companion, designated, leadership-named): the proposal follows it
    input: z
      .object({
        phone,
        name: personName.optional(),
        with: recordId.optional(),
        asksFor: staffId.optional(),
        leadershipNamed: staffId.optional(),
      })
      .strict(),
  },
  'desk.walkIn': {
    roles: DESK,
    summary:
      '登记来访并分配接待：老客户归原售楼员，老带新，指定接待，否则按轮排（R-ROS-1, 6, 7, 8, 9, 12，R-OWN-1, 7, 9）；指定接待与领导指定只能由接待台或经理登记，并记入操作日志',
    kind: 'write',
    input: z
      .object({
        customer: customerInput,
        with: recordId.optional(),
        asksFor: staffId.optional(),
        source: z.enum(['walk_in', 'company', 'referral']).optional(),
        leadershipNamed: staffId.optional(),
      })
      .strict(),
  },
  'desk.leaveWaiting': {
    roles: DESK,
    summary: '等候的客户离开（未接待），从等候名单移除',
    kind: 'write',
    input: z.object({ waitId: recordId, reason: optionalReason }).strict(),
  },
  'desk.notices': {
    roles: DESK,
    summary: '接待台提醒：等候的客户已自动分配给空闲的售楼员（R-ROS-6），接待超过政策时长（默认 2 小时）仍未结束',
    kind: 'read',
    station: true,
    input: z.object({}).strict(),
  },
  'desk.finish': {
    roles: DESK,
    summary: '接待结束，售楼员恢复空闲（R-ROS-6）；接待的售楼员本人、接待台或经理可操作',
    kind: 'write',
    input: z.object({ visit: recordId }).strict(),
  },
});
