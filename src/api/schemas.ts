/** Input pieces shared by several methods. Messages are what the person at the desk reads. */
import { z } from 'zod';
import { phoneProblem } from '../domain/phone';
import { ROLES } from '../domain/roles';

// Messages zod writes itself (unknown keys, wrong types) in the desk's language too.
z.config(z.locales.zhCN());

export const staffId = z.string({ error: '请选择员工' }).trim().min(1, '请选择员工').max(64, '员工编号过长');

export const personName = z
  .string({ error: '请输入姓名' })
  .trim()
  .min(1, '请输入姓名')
  .max(40, '姓名不能超过 40 个字')
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), '姓名中有不可见的控制字符');

export const phone = z
  .string({ error: '请输入电话号码' })
  .max(32, '电话号码过长')
  .superRefine((s, ctx) => {
    const problem = phoneProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const reason = z.string().trim().min(1, '请填写原因').max(500, '原因不能超过 500 个字');
export const optionalReason = z.string().trim().max(500, '原因不能超过 500 个字').optional().nullable();

export const role = z.enum(ROLES, { error: '未知的角色' });

/** An office day, as the date pickers send it. */
export const day = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
/** A calendar month (statements, dashboards, deal lists). */
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const recordId = z.number({ error: '编号应为数字' }).int('编号应为整数').positive('编号应为正整数');

export const customerInput = z.object(
  {
    name: personName,
    phone,
    gender: z.enum(['male', 'female'], { error: '性别应为 male 或 female' }).optional(),
  },
  { error: '请填写客户姓名和电话' },
);
