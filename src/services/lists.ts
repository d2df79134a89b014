/** Lists the screens page through: deals, disputes, referrals, customers found as you type. */
import { sql } from 'kysely';
import { z } from 'zod';
import { method } from '../api/define';
import { MANAGERS, type Role } from '../domain/roles';
import { iso, monthRange, officeDay } from '../domain/time';
import { nameKey } from '../domain/names';
import { phoneKey } from '../domain/phone';
import { maskPhone } from './confidentiality';
import { hasRole } from './context';
import { ownersOfMany } from './history';
import { splitForDeal, splitsOfDeals } from './deals';
import { disputeState } from './disputes';
import { referralStatus } from './referrals';
import { freeText, month } from '../api/schemas';

const SIGNED_IN: readonly Role[] = ['consultant', 'front_desk', 'sales_assistant', 'admin', ...MANAGERS];

export const listMethods = {
  'customer.search': method({
    roles: SIGNED_IN,
    summary: '按电话、姓名、拼音、拼音首字母或房号查找客户（边输入边显示）',
    kind: 'read',
    input: z.object({ q: freeText('电话或姓名', 40, { line: true }) }).strict(),
    run: async ({ tx, actor, input, now, policy }) => {
      const q = input.q;
      const digits = phoneKey(q);
      const rows = await tx
        .selectFrom('customers')
        .select(['id', 'name', 'phone'])
        .where((eb) =>
          eb.or([
            ...(/^\d{3,}$/.test(digits) ? [eb('phone_key', 'like', `${digits}%`)] : []),
            eb('name', 'like', `%${q.replace(/[%_]/g, '')}%`),
            ...(/^[a-z]+$/i.test(q) ? [eb('name_key', 'like', `${q.toLowerCase()}%`), eb('name_initials', '=', q.toLowerCase())] : [eb('name_key', '=', nameKey(q))]),
            // a unit number (3-1201) finds its buyer
            eb('id', 'in', eb.selectFrom('deals').select('customer_id').where('unit', '=', q)),
          ]),
        )
        .orderBy('id', 'desc')
        .limit(20)
        .execute();
      // Lists show numbers masked except for one's own customers (R-SEC-1); the customer page reveals and logs.
      const owners = await ownersOfMany(tx, rows.map((r) => r.id), now, policy);
      return rows.map((r) => ({ ...r, phone: owners.get(r.id)!.some((o) => o.consultant === actor!.id) ? r.phone : maskPhone(r.phone) }));
    },
  }),

  'deal.list': method({
    roles: [...MANAGERS, 'consultant', 'sales_assistant'],
    summary: '某月的成交及其佣金分配（售楼员只看到与自己有关的）',
    kind: 'read',
    input: z.object({ month }).strict(),
    run: async ({ tx, actor, input, now }) => {
      const { start, end } = monthRange(input.month);
      const deals = await tx
        .selectFrom('deals')
        .innerJoin('customers', 'customers.id', 'deals.customer_id')
        .select(['deals.id', 'deals.at', 'deals.unit', 'deals.price', 'deals.commission', 'deals.customer_id', 'deals.recorded_by', 'customers.name as customerName'])
        .where('deals.at', '>=', iso(start))
        .where('deals.at', '<', iso(end))
        .orderBy('deals.at')
        .execute();
      const all = hasRole(actor, [...MANAGERS, 'sales_assistant']);
      const splits = await splitsOfDeals(tx, deals.map((d) => d.id), now);
      const out = [];
      for (const { recorded_by, ...d } of deals) {
        const split = splits.get(d.id)!;
        if (!all && !split.lines.some((l) => l.beneficiary === actor!.id) && recorded_by !== actor!.id) continue;
        // R-OWN-11: the unit and buyer now, with every change; the split never follows them
        const changes = await tx.selectFrom('deal_changes').select(['buyer_name', 'unit', 'at', 'actor_id']).where('deal_id', '=', d.id).orderBy('id').execute();
        const unit = changes.reduce((u, c) => c.unit ?? u, d.unit);
        const buyerName = changes.reduce<string>((b, c) => c.buyer_name ?? b, d.customerName);
        out.push({ ...d, unit, originalUnit: d.unit, buyerName, changes, day: officeDay(new Date(d.at)), split });
      }
      return out;
    },
  }),

  'dispute.list': method({
    roles: ['consultant', 'project_manager', 'sales_director', 'sales_manager'],
    summary: '争议列表：总监的待审批、项目经理的待写意见、售楼员自己提出或涉及的',
    kind: 'read',
    input: z.object({ status: z.enum(['open', 'opinion', 'returned', 'decided']).optional() }).strict(),
    run: async ({ tx, actor, input, now }) => {
      const rows = await tx
        .selectFrom('disputes')
        .leftJoin('deals', 'deals.id', 'disputes.deal_id')
        .leftJoin('customers', (j) => j.on(sql`customers.id`, '=', sql`coalesce(disputes.customer_id, deals.customer_id)`))
        .select(['disputes.id', 'disputes.deal_id', 'disputes.customer_id', 'disputes.claim', 'disputes.raised_by', 'disputes.at', 'deals.unit', 'customers.name as customerName'])
        .orderBy('disputes.id', 'desc')
        .execute();
      const mine = !hasRole(actor, ['project_manager', 'sales_director', 'sales_manager']);
      const out = [];
      for (const r of rows) {
        const s = await disputeState(tx, r.id, now);
        if (input.status && s.status !== input.status) continue;
        if (mine && r.raised_by !== actor!.id && !(r.deal_id && (await splitForDeal(tx, r.deal_id, now)).lines.some((l) => l.beneficiary === actor!.id))) continue;
        out.push({ ...r, status: s.status, proposed: s.proposed, steps: s.steps.length });
      }
      return out;
    },
  }),

  'referral.list': method({
    roles: ['project_manager', 'sales_director', 'sales_assistant', 'sales_manager'],
    summary: '员工推介登记列表及其状态',
    kind: 'read',
    input: z.object({}).strict(),
    run: async ({ tx, now }) => {
      const rows = await tx
        .selectFrom('referrals')
        .innerJoin('customers', 'customers.id', 'referrals.customer_id')
        .innerJoin('staff', 'staff.id', 'referrals.referrer_id')
        .select(['referrals.id', 'referrals.appointment', 'referrals.at', 'referrals.customer_id', 'customers.name as customerName', 'customers.phone', 'staff.name as referrerName', 'referrals.referrer_id'])
        .orderBy('referrals.id', 'desc')
        .limit(200)
        .execute();
      const out = [];
      for (const r of rows) out.push({ ...r, phone: maskPhone(r.phone), status: await referralStatus(tx, r.id, now) });
      return out;
    },
  }),
};
