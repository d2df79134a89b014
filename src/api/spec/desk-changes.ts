/** The managers' changes to a reception after the fact. Handlers: src/services/desk-changes.ts. */
import { z } from 'zod';
import { MANAGERS } from '../../domain/roles';
import { recordId, staffId } from '../schemas';
import { defineSpec } from './define';

export const deskChangeSpec = defineSpec({
  'desk.switch': {
    roles: MANAGERS,
    summary: '客户坚持更换售楼员，经理同意由被指定者接待（新客 R-OWN-13：最先接待者70%/被指定者30%；老客 R-OWN-14：全部归原售楼员）',
    kind: 'write',
    input: z.object({ visit: recordId, to: staffId, solicited: z.boolean().optional() }).strict(),
  },
  'desk.refuse': {
    roles: MANAGERS,
    summary: '客户中途拒绝售楼员：无过错不予支持；一般过错记录处罚并继续；严重过错或坚决拒绝则按轮排改派，原接待轮空（R-OWN-12，R-ROS-10）',
    kind: 'write',
    input: z
      .object({
        visit: recordId,
        fault: z.enum(['none', 'general', 'serious']),
        insist: z.boolean().optional(),
        priorityTurn: z.boolean().optional(),
      })
      .strict(),
  },
});
